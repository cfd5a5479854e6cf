package io.catalogingest.common.envelope;

/** Kafka header names of CloudEvents 1.0 binary mode, plus this project's extensions. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Extension: the tenant (workspace) the message belongs to. */
    public static final String TENANT_ID = "ce_tenantid";
    /** Extension: the HTTP request that caused the message; outcomes carry it back. */
    public static final String REQUEST_ID = "ce_requestid";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
