package org.basinledger.query.compliance;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;

/** Delivers reports and assessments to a compliance projection as the processor would, for other packages too. */
public final class ComplianceFixture {

    private final ComplianceProjection projection;

    public ComplianceFixture(TestDatabase db) {
        projection = new ComplianceProjection(db.jdbc(), Events.objectMapper());
    }

    public ComplianceProjection projection() {
        return projection;
    }

    public void deliver(EventMessage<?> message) {
        if (message.getPayload() instanceof MonitoringReportSubmittedEvent e) {
            projection.on(e, message);
        } else if (message.getPayload() instanceof AssessmentRecordedEvent e) {
            projection.on(e, message);
        } else if (message.getPayload() instanceof SubjectDisputedEvent e) {
            projection.on(e, message);
        } else if (message.getPayload() instanceof SubjectDisputeClosedEvent e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not a compliance event: " + message.getPayload());
        }
    }
}
