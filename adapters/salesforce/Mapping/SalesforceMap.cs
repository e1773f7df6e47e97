using NodaTime;

namespace Verdict.Salesforce.Mapping;

/// <summary>What an actor is in the purpose-binding sense.</summary>
public enum ActorKind { AiSystem, Agent, Integration, Person }

/// <summary>One actor of the map: who it is in the logs, and the purpose it declared.</summary>
public sealed record MappedActor(
    string Id,
    ActorKind Kind,
    string Purpose,
    bool External,
    string? ConnectedApp,
    string? Integration,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Reads);

/// <summary>How the records of a person-bearing object are counted.</summary>
public enum PeopleCount { DistinctIds, Rows }

/// <summary>A record export that carries the people's residency.</summary>
public sealed record ResidencyExport(string File, string Object, string IdColumn, string CountryColumn, string? RegionColumn, IReadOnlySet<string> RegionFor);

/// <summary>What a report run or export reads.</summary>
public sealed record ReportShape(string Object, IReadOnlyList<string> Fields);

/// <summary>
/// A validated Salesforce mapping (<c>kind: SalesforceMap</c>): resolves log identities to actors and fields to data
/// categories. Lookups are case-sensitive for field names and case-insensitive for user names, as Salesforce treats them.
/// </summary>
public sealed class SalesforceMap
{
    private readonly Dictionary<string, MappedActor> _byUser;
    private readonly Dictionary<string, MappedActor> _byUsername;
    private readonly Dictionary<string, MappedActor> _byApp;
    private readonly Dictionary<string, MappedActor> _byClient;
    private readonly Dictionary<string, ObjectCategories> _objects;

    internal SalesforceMap(string id, string version, DateTimeZone zone, IReadOnlyList<MappedActor> actors,
        Dictionary<string, MappedActor> byUser, Dictionary<string, MappedActor> byUsername, Dictionary<string, MappedActor> byApp, Dictionary<string, MappedActor> byClient,
        Dictionary<string, ObjectCategories> objects, IReadOnlyDictionary<string, PeopleCount> people,
        IReadOnlyDictionary<string, ReportShape> reports, IReadOnlyList<ResidencyExport> residency)
    {
        Id = id; Version = version; Zone = zone; Actors = actors;
        _byUser = byUser; _byUsername = byUsername; _byApp = byApp; _byClient = byClient; _objects = objects;
        People = people; Reports = reports; Residency = residency;
    }

    /// <summary>The map's id.</summary>
    public string Id { get; }
    /// <summary>The map's semver.</summary>
    public string Version { get; }
    /// <summary>The org's time zone.</summary>
    public DateTimeZone Zone { get; }
    /// <summary>Every actor, in file order.</summary>
    public IReadOnlyList<MappedActor> Actors { get; }
    /// <summary>Objects whose records are people.</summary>
    public IReadOnlyDictionary<string, PeopleCount> People { get; }
    /// <summary>Report ids (15 characters) and what they read.</summary>
    public IReadOnlyDictionary<string, ReportShape> Reports { get; }
    /// <summary>Record exports that give residency.</summary>
    public IReadOnlyList<ResidencyExport> Residency { get; }

    /// <summary>
    /// The actor behind an event: the connected app first (an integration user may serve several apps), then the user
    /// (id, 15-character id or username), then the API client name; null when the map does not name any of them.
    /// </summary>
    public MappedActor? Resolve(string? userId, string? username, string? connectedApp, string? client)
    {
        if (!string.IsNullOrEmpty(connectedApp) && _byApp.TryGetValue(connectedApp, out var a)) return a;
        if (IsLongId(connectedApp) && _byApp.TryGetValue(connectedApp![..15], out a)) return a;
        if (!string.IsNullOrEmpty(userId) && _byUser.TryGetValue(userId, out a)) return a;
        if (IsLongId(userId) && _byUser.TryGetValue(userId![..15], out a)) return a;
        if (!string.IsNullOrEmpty(username) && _byUsername.TryGetValue(username, out a)) return a;
        if (!string.IsNullOrEmpty(client) && _byClient.TryGetValue(client, out a)) return a;
        return null;
    }

    /// <summary>An 18-character record id, whose first 15 characters are the case-sensitive id.</summary>
    private static bool IsLongId(string? s) => s is { Length: 18 } && s.All(char.IsAsciiLetterOrDigit);

    /// <summary>Adds the data categories of <paramref name="fields"/> on <paramref name="obj"/> (of the whole object when no field is known).</summary>
    public void CategoriesOf(string obj, IEnumerable<string> fields, ISet<string> into)
    {
        if (!_objects.TryGetValue(obj, out var o)) return;
        var any = false;
        foreach (var f in fields)
        {
            any = true;
            if (o.Fields.TryGetValue(f, out var cats)) into.UnionWith(cats);
        }
        if (!any) into.UnionWith(o.Whole);
    }
}

/// <summary>Categories of one object: per field, and for a read whose fields are unknown.</summary>
internal sealed record ObjectCategories(IReadOnlyList<string> Whole, IReadOnlyDictionary<string, IReadOnlyList<string>> Fields);
