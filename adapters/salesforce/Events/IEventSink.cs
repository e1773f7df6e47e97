namespace Verdict.Salesforce.Events;

/// <summary>Receives what the readers find, in file order.</summary>
internal interface IEventSink
{
    /// <summary>An event read from a log.</summary>
    void Event(LogEvent e);

    /// <summary>A line that could not be read.</summary>
    void Bad(BadLine bad);

    /// <summary>A person of a residency export: object, record id and jurisdiction (null when the row gives none).</summary>
    void Person(string obj, string id, string? jurisdiction, string file, long line);
}
