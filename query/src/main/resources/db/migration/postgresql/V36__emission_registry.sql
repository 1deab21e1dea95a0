-- The public emission registry (issue 15): schemes, accounts, holdings per vintage, vintage totals, trades, every
-- movement of an account, and per holder and year verified emissions against surrenders. Quantities are exact
-- decimals with 3 places.
CREATE TABLE emission_scheme (
    scheme_id      VARCHAR(64)              NOT NULL PRIMARY KEY,
    name           VARCHAR(200)             NOT NULL,
    pollutant      VARCHAR(16)              NOT NULL,
    authority      VARCHAR(255)             NOT NULL,
    price_amount   DECIMAL(19, 2),
    currency       VARCHAR(3)               NOT NULL,
    surrender_by   VARCHAR(8)               NOT NULL,
    penalty_amount DECIMAL(19, 2)           NOT NULL,
    version        BIGINT                   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE emission_account (
    scheme_id  VARCHAR(64)              NOT NULL,
    holder     VARCHAR(255)             NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    opened_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scheme_id, holder)
);
CREATE TABLE emission_holding (
    scheme_id VARCHAR(64)    NOT NULL,
    holder    VARCHAR(255)   NOT NULL,
    vintage   INTEGER        NOT NULL,
    quantity  DECIMAL(25, 3) NOT NULL,
    PRIMARY KEY (scheme_id, holder, vintage)
);
CREATE TABLE emission_vintage (
    scheme_id VARCHAR(64)    NOT NULL,
    vintage   INTEGER        NOT NULL,
    issued    DECIMAL(25, 3) NOT NULL,
    retired   DECIMAL(25, 3) NOT NULL,
    PRIMARY KEY (scheme_id, vintage)
);
CREATE TABLE emission_trade (
    trade_id     VARCHAR(128)             NOT NULL PRIMARY KEY,
    scheme_id    VARCHAR(64)              NOT NULL,
    seller       VARCHAR(255)             NOT NULL,
    buyer        VARCHAR(255)             NOT NULL,
    vintage      INTEGER                  NOT NULL,
    quantity     DECIMAL(25, 3)           NOT NULL,
    price_amount DECIMAL(19, 2)           NOT NULL,
    currency     VARCHAR(3)               NOT NULL,
    amount       DECIMAL(19, 2),
    transfer_id  VARCHAR(255),
    status       VARCHAR(16)              NOT NULL,
    proposed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    cancelled_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX emission_trade_scheme_idx ON emission_trade (scheme_id, proposed_at);
CREATE TABLE emission_transaction (
    scheme_id    VARCHAR(64)              NOT NULL,
    sequence     BIGINT                   NOT NULL,
    entry        INTEGER                  NOT NULL,
    holder       VARCHAR(255)             NOT NULL,
    kind         VARCHAR(16)              NOT NULL,
    vintage      INTEGER                  NOT NULL,
    quantity     DECIMAL(25, 3)           NOT NULL,
    counterparty VARCHAR(255),
    trade_id     VARCHAR(128),
    for_year     INTEGER,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scheme_id, sequence, entry)
);
CREATE INDEX emission_transaction_holder_idx ON emission_transaction (scheme_id, holder, sequence);
CREATE TABLE emission_compliance (
    scheme_id           VARCHAR(64)              NOT NULL,
    holder              VARCHAR(255)             NOT NULL,
    for_year            INTEGER                  NOT NULL,
    verified            DECIMAL(25, 3),
    surrendered         DECIMAL(25, 3)           NOT NULL,
    status              VARCHAR(16)              NOT NULL,
    missing             DECIMAL(25, 3),
    penalty_amount      DECIMAL(19, 2),
    currency            VARCHAR(3),
    penalty_transfer_id VARCHAR(255),
    verified_at         TIMESTAMP WITH TIME ZONE,
    surrender_deadline  TIMESTAMP WITH TIME ZONE,
    settled_at          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (scheme_id, holder, for_year)
);
