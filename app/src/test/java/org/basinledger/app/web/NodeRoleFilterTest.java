package org.basinledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.config.NodeRole;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Each role refuses at the door what it does not do (421), by method alone; actuator answers on every node. */
class NodeRoleFilterTest {

    @Test
    void aCommandNodeRefusesReadsAndTakesWrites() throws Exception {
        NodeRoleFilter filter = new NodeRoleFilter(NodeRole.COMMAND, new ObjectMapper());
        for (String path : new String[] {"/api/v1/agreements", "/", "/portal/agreements", "/v3/api-docs"}) {
            for (String method : new String[] {"GET", "HEAD"}) {
                MockHttpServletResponse refused = send(filter, method, path);
                assertThat(refused.getStatus()).as(method + " " + path).isEqualTo(421);
                assertThat(refused.getContentAsString()).contains("urn:basin-ledger:problem:command-only-node");
            }
        }
        assertThat(send(filter, "POST", "/api/v1/agreements").getStatus()).isEqualTo(200);
        assertThat(send(filter, "PUT", "/api/v1/agreements/a/terms").getStatus()).isEqualTo(200);
        assertThat(send(filter, "OPTIONS", "/api/v1/agreements").getStatus()).isEqualTo(200);
        assertThat(send(filter, "GET", "/actuator/health").getStatus()).isEqualTo(200);
    }

    @Test
    void aQueryNodeRefusesWritesAndServesReads() throws Exception {
        NodeRoleFilter filter = new NodeRoleFilter(NodeRole.QUERY, new ObjectMapper());
        MockHttpServletResponse refused = send(filter, "POST", "/api/v1/agreements");
        assertThat(refused.getStatus()).isEqualTo(421);
        assertThat(refused.getContentAsString()).contains("urn:basin-ledger:problem:read-only-node");
        assertThat(send(filter, "GET", "/api/v1/agreements").getStatus()).isEqualTo(200);
        assertThat(send(filter, "POST", "/actuator/readmodels").getStatus()).isEqualTo(200);
    }

    @Test
    void aNodeOfBothRolesTakesEverything() throws Exception {
        NodeRoleFilter filter = new NodeRoleFilter(NodeRole.BOTH, new ObjectMapper());
        assertThat(send(filter, "GET", "/api/v1/agreements").getStatus()).isEqualTo(200);
        assertThat(send(filter, "POST", "/api/v1/agreements").getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse send(NodeRoleFilter filter, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
