namespace Verdict.Salesforce.Events;

/// <summary>What a column means to the adapter; columns without a role are validated but not read.</summary>
internal enum Role
{
    None, EventType, Time, TimeGmt, User, User15, Username, ConnectedApp, Client, Object, Objects, Rows, Operation,
    Uri, UriId, Status, Query, ColumnHeaders, Records, JobStatus, SourceIp, Url,
}

/// <summary>Which log an event comes from: an EventLogFile CSV or a Real-Time Event Monitoring record.</summary>
internal enum Family { EventLogFile, RealTime }

/// <summary>What the adapter does with an event of a kind.</summary>
internal enum Use { Access, Login, Callout }

/// <summary>
/// One documented event type: its columns exactly as Salesforce names them, which of them the adapter reads, and the
/// page that documents them. A header with a column that is not listed here is refused, never guessed at.
/// </summary>
internal sealed class EventKind
{
    public required string Name { get; init; }
    public required Family Family { get; init; }
    public required Use Use { get; init; }
    public required string Documentation { get; init; }
    public required IReadOnlyDictionary<string, Role> Columns { get; init; }
    /// <summary>Columns a file of this kind must have to be read at all.</summary>
    public required IReadOnlyList<string> Required { get; init; }

    public bool Knows(string column) => Columns.ContainsKey(column);
}

/// <summary>The event types Verdict reads. Field names as documented on the page cited with each type.</summary>
internal static class EventKinds
{
    private static Dictionary<string, Role> Cols(string names, params (string Column, Role Role)[] roles)
    {
        var d = names.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToDictionary(n => n, _ => Role.None, StringComparer.Ordinal);
        foreach (var (c, r) in roles) d[c] = r;
        return d;
    }

    private static readonly (string, Role)[] ElfCommon =
    [
        ("EVENT_TYPE", Role.EventType), ("TIMESTAMP_DERIVED", Role.Time), ("TIMESTAMP", Role.TimeGmt),
        ("USER_ID_DERIVED", Role.User), ("USER_ID", Role.User15),
    ];

    // SOAP API event type ("API"):
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_api.htm
    public static readonly EventKind Api = new()
    {
        Name = "API", Family = Family.EventLogFile, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_api.htm",
        Columns = Cols("API_TYPE API_VERSION CLIENT_IP CLIENT_NAME CONNECTED_APP_ID CPU_TIME DB_BLOCKS DB_CPU_TIME DB_TOTAL_TIME ENTITY_NAME EVENT_TYPE LOGIN_KEY METHOD_NAME ORGANIZATION_ID QUERY_ID REQUEST_ID REQUEST_SIZE REQUEST_STATUS RESPONSE_SIZE ROWS_PROCESSED RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED USER_TYPE",
            [.. ElfCommon, ("CLIENT_NAME", Role.Client), ("CONNECTED_APP_ID", Role.ConnectedApp), ("ENTITY_NAME", Role.Object), ("ROWS_PROCESSED", Role.Rows), ("METHOD_NAME", Role.Operation), ("REQUEST_STATUS", Role.Status), ("CLIENT_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "ENTITY_NAME", "ROWS_PROCESSED"],
    };

    // REST API event type ("RestApi"):
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_restapi.htm
    public static readonly EventKind RestApi = new()
    {
        Name = "RestApi", Family = Family.EventLogFile, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_restapi.htm",
        Columns = Cols("CLIENT_IP CLIENT_NAME CONNECTED_APP_ID CPU_TIME DB_BLOCKS DB_CPU_TIME DB_TOTAL_TIME ENTITY_NAME EVENT_TYPE LOGIN_KEY MEDIA_TYPE METHOD ORGANIZATION_ID REQUEST_ID REQUEST_SIZE REQUEST_STATUS RESPONSE_SIZE ROWS_PROCESSED RUN_TIME SESSION_KEY STATUS_CODE TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_AGENT USER_ID USER_ID_DERIVED USER_TYPE",
            [.. ElfCommon, ("CLIENT_NAME", Role.Client), ("CONNECTED_APP_ID", Role.ConnectedApp), ("ENTITY_NAME", Role.Object), ("ROWS_PROCESSED", Role.Rows), ("METHOD", Role.Operation), ("REQUEST_STATUS", Role.Status), ("URI", Role.Uri), ("CLIENT_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "ENTITY_NAME", "ROWS_PROCESSED"],
    };

    // Bulk API event type ("BulkApi"):
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_bulkapi.htm
    public static readonly EventKind BulkApi = new()
    {
        Name = "BulkApi", Family = Family.EventLogFile, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_bulkapi.htm",
        Columns = Cols("BATCH_ID CLIENT_IP CPU_TIME ENTITY_TYPE EVENT_TYPE JOB_ID LOGIN_KEY MESSAGE NUMBER_FAILURES OPERATION_TYPE ORGANIZATION_ID REQUEST_ID ROWS_PROCESSED RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED USER_ID USER_ID_DERIVED",
            [.. ElfCommon, ("ENTITY_TYPE", Role.Object), ("ROWS_PROCESSED", Role.Rows), ("OPERATION_TYPE", Role.Operation), ("CLIENT_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "ENTITY_TYPE", "ROWS_PROCESSED"],
    };

    // Bulk API 2.0 event type ("BulkApi2"); one event per job state, rows counted on the JobComplete event only:
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_bulkapi2.htm
    public static readonly EventKind BulkApi2 = new()
    {
        Name = "BulkApi2", Family = Family.EventLogFile, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_bulkapi2.htm",
        Columns = Cols("CLIENT_IP CPU_TIME ENTITY_TYPE EVENT_TYPE JOB_ID JOB_STATUS LOGIN_KEY OPERATION_TYPE ORGANIZATION_ID RECORDS_FAILED RECORDS_PROCESSED RESULT_SIZE_MB REQUEST_ID RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED",
            [.. ElfCommon, ("ENTITY_TYPE", Role.Object), ("RECORDS_PROCESSED", Role.Rows), ("OPERATION_TYPE", Role.Operation), ("JOB_STATUS", Role.JobStatus), ("CLIENT_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "ENTITY_TYPE", "RECORDS_PROCESSED", "JOB_STATUS"],
    };

    // Report Export event type ("ReportExport"); the report id (URI_ID_DERIVED) is resolved through the map's reports:
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_reportexport.htm
    public static readonly EventKind ReportExport = new()
    {
        Name = "ReportExport", Family = Family.EventLogFile, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_reportexport.htm",
        Columns = Cols("CLIENT_INFO CLIENT_IP EVENT_TYPE LOGIN_KEY ORGANIZATION_ID REPORT_DESCRIPTION REQUEST_ID SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED",
            [.. ElfCommon, ("URI_ID_DERIVED", Role.UriId), ("URI", Role.Uri), ("CLIENT_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "URI"],
    };

    // Login event type ("Login"):
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_login.htm
    public static readonly EventKind Login = new()
    {
        Name = "Login", Family = Family.EventLogFile, Use = Use.Login,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_login.htm",
        Columns = Cols("API_TYPE API_VERSION AUTHENTICATION_METHOD_REFERENCE BROWSER_TYPE CIPHER_SUITE CLIENT_IP CPU_TIME DB_TOTAL_TIME EVENT_TYPE LOGIN_KEY LOGIN_STATUS LOGIN_TYPE ORGANIZATION_ID PLATFORM_TYPE REQUEST_ID REQUEST_STATUS RUN_TIME SESSION_KEY SOURCE_IP TIMESTAMP TIMESTAMP_DERIVED TLS_PROTOCOL URI URI_ID_DERIVED USER_ID USER_ID_DERIVED USER_NAME USER_TYPE",
            [.. ElfCommon, ("USER_NAME", Role.Username), ("LOGIN_STATUS", Role.Status), ("SOURCE_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID"],
    };

    // URI event type ("URI"): record pages viewed; the record id's key prefix names the object:
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_uri.htm
    public static readonly EventKind Uri = new()
    {
        Name = "URI", Family = Family.EventLogFile, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_uri.htm",
        Columns = Cols("CLIENT_IP CPU_TIME DB_BLOCKS DB_CPU_TIME DB_TOTAL_TIME EVENT_TYPE LOGIN_KEY ORGANIZATION_ID REFERRER_URI REQUEST_ID REQUEST_STATUS RUN_TIME SESSION_KEY TIMESTAMP TIMESTAMP_DERIVED URI URI_ID_DERIVED USER_ID USER_ID_DERIVED USER_TYPE",
            [.. ElfCommon, ("URI_ID_DERIVED", Role.UriId), ("URI", Role.Uri), ("REQUEST_STATUS", Role.Status), ("CLIENT_IP", Role.SourceIp)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "URI"],
    };

    // Apex Callout event type ("ApexCallout"): requests from Apex to outside endpoints:
    // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_apexcallout.htm
    public static readonly EventKind ApexCallout = new()
    {
        Name = "ApexCallout", Family = Family.EventLogFile, Use = Use.Callout,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_apexcallout.htm",
        Columns = Cols("CLIENT_IP CPU_TIME EVENT_TYPE LOGIN_KEY METHOD ORGANIZATION_ID REQUEST_ID REQUEST_SIZE RESPONSE_SIZE RUN_TIME SESSION_KEY STATUS_CODE SUCCESS TIME TIMESTAMP TIMESTAMP_DERIVED TYPE URL USER_ID USER_ID_DERIVED",
            [.. ElfCommon, ("URL", Role.Url), ("METHOD", Role.Operation), ("SUCCESS", Role.Status)]),
        Required = ["EVENT_TYPE", "TIMESTAMP_DERIVED", "USER_ID", "URL"],
    };

    private static readonly (string, Role)[] RtemCommon =
    [
        ("EventDate", Role.Time), ("UserId", Role.User), ("Username", Role.Username), ("SourceIp", Role.SourceIp),
    ];

    // ApiEvent (Real-Time Event Monitoring):
    // https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_apievent.htm
    public static readonly EventKind ApiEvent = new()
    {
        Name = "ApiEvent", Family = Family.RealTime, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_apievent.htm",
        Columns = Cols("ActionName AdditionalInfo ApiType ApiVersion Application BotIdentifier BotSessionIdentifier Client ConnectedAppId CreatedDate ElapsedTime EvaluationTime EventDate EventIdentifier EventUuid Id LoginHistoryId LoginKey Operation Platform PolicyId PolicyOutcome QueriedEntities Query Records RelatedEventIdentifier RequestIdentifier RowsProcessed RowsReturned SessionKey SessionLevel SourceIp UserAgent UserId Username",
            [.. RtemCommon, ("Client", Role.Client), ("ConnectedAppId", Role.ConnectedApp), ("QueriedEntities", Role.Objects), ("Query", Role.Query), ("Records", Role.Records), ("RowsProcessed", Role.Rows), ("Operation", Role.Operation)]),
        Required = ["EventDate", "UserId", "QueriedEntities", "RowsProcessed"],
    };

    // ReportEvent (Real-Time Event Monitoring):
    // https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_reportevent.htm
    public static readonly EventKind ReportEvent = new()
    {
        Name = "ReportEvent", Family = Family.RealTime, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_reportevent.htm",
        Columns = Cols("ActionName BotId BotSessionIdentifier ColumnHeaders CreatedDate DashboardId DashboardName Description DisplayedFieldEntities EvaluationTime EventDate EventIdentifier EventSource EventUuid ExecutionIdentifier ExportFileFormat Format GroupedColumnHeaders Id IsScheduled LoginHistoryId LoginKey Name NumberOfColumns Operation OwnerId PolicyId PolicyOutcome QueriedEntities Records ReportId RowsProcessed Scope Sequence SessionKey SessionLevel SourceIp UserId Username",
            [.. RtemCommon, ("QueriedEntities", Role.Objects), ("ColumnHeaders", Role.ColumnHeaders), ("Records", Role.Records), ("RowsProcessed", Role.Rows), ("Operation", Role.Operation), ("ReportId", Role.UriId)]),
        Required = ["EventDate", "UserId", "ReportId", "RowsProcessed"],
    };

    // BulkApiResultEvent (Real-Time Event Monitoring): a download of Bulk API results; the query names object and fields:
    // https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_bulkapiresultevent.htm
    public static readonly EventKind BulkApiResultEvent = new()
    {
        Name = "BulkApiResultEvent", Family = Family.RealTime, Use = Use.Access,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_bulkapiresultevent.htm",
        Columns = Cols("BatchId CreatedById CreatedDate EvaluationTime EventDate EventIdentifier EventUuid Id JobId LoginHistoryId LoginKey PolicyId PolicyOutcome Query SessionKey SessionLevel SourceIp UserId Username",
            [.. RtemCommon, ("Query", Role.Query)]),
        Required = ["EventDate", "UserId", "JobId", "Query"],
    };

    // LoginEvent (Real-Time Event Monitoring):
    // https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_loginevent.htm
    public static readonly EventKind LoginEvent = new()
    {
        Name = "LoginEvent", Family = Family.RealTime, Use = Use.Login,
        Documentation = "https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/sforce_api_objects_loginevent.htm",
        Columns = Cols("AdditionalInfo ApiType ApiVersion Application AuthMethodReference AuthServiceId Browser CipherSuite City ClientVersion Country CountryIso CreatedDate EvaluationTime EventDate EventIdentifier EventUuid HttpMethod Id LoginGeoId LoginHistoryId LoginKey LoginLatitude LoginLongitude LoginSubType LoginType LoginUrl Platform PolicyId PolicyOutcome PostalCode SessionKey SessionLevel SourceIp Status Subdivision TlsProtocol UserId UserType Username",
            [.. RtemCommon, ("Status", Role.Status), ("Application", Role.Client)]),
        Required = ["EventDate", "UserId", "LoginType"],
    };

    /// <summary>EventLogFile types by their EVENT_TYPE value.</summary>
    public static readonly IReadOnlyDictionary<string, EventKind> ByEventType =
        new[] { Api, RestApi, BulkApi, BulkApi2, ReportExport, Login, Uri, ApexCallout }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Real-Time Event Monitoring objects by their API name.</summary>
    public static readonly IReadOnlyDictionary<string, EventKind> RealTime =
        new[] { ApiEvent, ReportEvent, BulkApiResultEvent, LoginEvent }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>The real-time kind whose documented fields hold every column of a CSV header and its required ones.</summary>
    public static EventKind? RealTimeFor(IReadOnlyList<string> header)
    {
        EventKind? found = null;
        foreach (var k in RealTime.Values)
            if (k.Required.All(header.Contains) && header.All(k.Knows))
            {
                if (found is not null) return null;
                found = k;
            }
        return found;
    }

    /// <summary>The real-time kind that holds the most of a header's columns, to explain a refusal.</summary>
    public static EventKind? ClosestRealTime(IReadOnlyList<string> header) =>
        RealTime.Values.Where(k => k.Required.All(header.Contains)).OrderByDescending(k => header.Count(k.Knows)).FirstOrDefault();

    /// <summary>Standard key prefixes of record ids (the first three characters) for objects that count people or carry money.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["001"] = "Account", ["003"] = "Contact", ["00Q"] = "Lead", ["500"] = "Case", ["006"] = "Opportunity",
        ["00T"] = "Task", ["00U"] = "Event", ["02s"] = "EmailMessage", ["0Mw"] = "LiveChatTranscript",
    };
}
