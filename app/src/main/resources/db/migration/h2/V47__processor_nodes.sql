-- Several nodes (issue 17): each node that runs the projections processor says here, every second, that it is alive
-- (SegmentBalance). A node holding more than its share of the processor's segments (their number divided by the
-- nodes seen within the token claim timeout) releases the rest for the others to claim. A node that stops deletes
-- its row; a killed node's row goes stale and no longer counts. Only written with ledger.several-nodes: true.
CREATE TABLE processor_node (
    node_id VARCHAR(255)             NOT NULL PRIMARY KEY,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
