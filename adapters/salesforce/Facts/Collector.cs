using NodaTime;
using Verdict.Decisions;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Mapping;

namespace Verdict.Salesforce.Facts;

/// <summary>Where in one file the events behind one finding are: first and last line, and how many events.</summary>
public sealed class FileSpan(string file)
{
    public string File { get; } = file;
    public long FirstLine { get; private set; } = long.MaxValue;
    public long LastLine { get; private set; }
    public long Events { get; private set; }
    public Instant First { get; private set; } = Instant.MaxValue;
    public Instant Last { get; private set; } = Instant.MinValue;

    internal void Add(long line, long endLine, Instant? at = null)
    {
        if (at is { } t)
        {
            if (t < First) First = t;
            if (t > Last) Last = t;
        }
        if (line < FirstLine) FirstLine = line;
        if (endLine > LastLine) LastLine = endLine;
        Events++;
    }
}

/// <summary>Every read of one object by one actor under one purpose, over the whole log.</summary>
public sealed class AccessGroup(MappedActor actor, string obj)
{
    public MappedActor Actor { get; } = actor;
    public string Object { get; } = obj;
    public SortedSet<string> Fields { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Categories { get; } = new(StringComparer.Ordinal);
    public bool AllFields { get; internal set; }
    public long Rows { get; internal set; }
    public bool HasRows { get; internal set; }
    public HashSet<string>? Ids { get; internal set; }
    public Instant First { get; internal set; } = Instant.MaxValue;
    public Instant Last { get; internal set; } = Instant.MinValue;
    public Dictionary<string, FileSpan> Spans { get; } = new(StringComparer.Ordinal);

    /// <summary>Records read: distinct ids where the events carried them, plus the rows of those that did not.</summary>
    public long Records => (Ids?.Count ?? 0) + Rows;
}

/// <summary>The violations of one actor under one purpose, over the whole log.</summary>
public sealed class ViolationGroup(string actor, string purpose)
{
    public string Actor { get; } = actor;
    public string Purpose { get; } = purpose;
    public long Events { get; internal set; }
    public Instant First { get; internal set; } = Instant.MaxValue;
    public Instant Last { get; internal set; } = Instant.MinValue;
    /// <summary>Per rule broken: how often, when, where, and the first reason the engine gave.</summary>
    public SortedDictionary<string, RuleStats> Rules { get; } = new(StringComparer.Ordinal);
    public SortedSet<string> Objects { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FileSpan> Spans { get; } = new(StringComparer.Ordinal);
}

/// <summary>One rule broken by one actor under one purpose.</summary>
public sealed class RuleStats(string reason, string policy)
{
    public string Reason { get; } = reason;
    public string Policy { get; } = policy;
    public long Events { get; internal set; }
    public Instant First { get; internal set; } = Instant.MaxValue;
    public Instant Last { get; internal set; } = Instant.MinValue;
    public Dictionary<string, FileSpan> Spans { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Folds events into access groups, people counts and violations as they stream by: memory grows with the number of
/// distinct actors, objects and record ids, never with the number of events.
/// </summary>
public sealed class Collector : IEventSink
{
    private const int KeptBadLines = 1000;
    private readonly SalesforceMap _map;
    private readonly IAccessJudge? _judge;
    private readonly Instant? _from, _to;
    private readonly Dictionary<(string, string, string, bool), AccessGroup> _groups = [];
    private readonly Dictionary<(string, string), ViolationGroup> _violations = [];
    private readonly Dictionary<(string, string), FileSpan> _other = [];
    private readonly Dictionary<string, string?> _residents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileSpan> _residencySpans = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cats = new(StringComparer.Ordinal);

    /// <summary>Creates a collector; without a judge every read counts as anomalous for <c>timeline.occurredAt</c>.</summary>
    public Collector(SalesforceMap map, IAccessJudge? judge = null, Instant? from = null, Instant? to = null)
    {
        _map = map; _judge = judge; _from = from; _to = to;
    }

    public SalesforceMap Map => _map;
    public long Events { get; private set; }
    public long OutsideWindow { get; private set; }
    public long Unmapped { get; private set; }
    public SortedSet<string> UnmappedIdentities { get; } = new(StringComparer.Ordinal);
    public long WithoutData { get; private set; }
    public long BadLineCount { get; private set; }
    public List<BadLine> BadLines { get; } = [];
    public bool Judged => _judge is not null;

    /// <summary>The first read that broke a binding (or the first read, without a judge), and who made it.</summary>
    public (Instant At, MappedActor Actor)? FirstAnomaly { get; private set; }

    /// <summary>Access groups in the order they were first observed.</summary>
    public IEnumerable<AccessGroup> Groups => _groups.Values
        .OrderBy(g => g.First).ThenBy(g => g.Actor.Id, StringComparer.Ordinal).ThenBy(g => g.Actor.Purpose, StringComparer.Ordinal).ThenBy(g => g.Object, StringComparer.Ordinal);

    /// <summary>Violations by actor and purpose.</summary>
    public IEnumerable<ViolationGroup> Violations => _violations.Values
        .OrderBy(v => v.Actor, StringComparer.Ordinal).ThenBy(v => v.Purpose, StringComparer.Ordinal);

    /// <summary>Events that read no data but belong to the story (logins, callouts) of mapped actors.</summary>
    public IEnumerable<(string Kind, FileSpan Span)> OtherEvidence => _other.OrderBy(kv => kv.Key.Item2, StringComparer.Ordinal)
        .ThenBy(kv => kv.Value.FirstLine).Select(kv => (kv.Key.Item1, kv.Value));

    /// <summary>Residency exports read.</summary>
    public IEnumerable<FileSpan> ResidencySpans => _residencySpans.Values.OrderBy(s => s.File, StringComparer.Ordinal);

    /// <summary>
    /// People affected, over the objects the map says count people: per object the distinct record ids the events
    /// carried, or else the largest read of it (several reads of one table may cover the same people, so the largest is
    /// a lower bound); summed over objects (one person may be a Contact, a Lead and a Case, so the sum may overcount).
    /// Exact only for one read of one object, or when a residency export lists the people.
    /// </summary>
    public (long Records, bool Estimated)? People()
    {
        if (_residents.Count > 0) return (_residents.Count, false);
        long total = 0;
        var objects = 0;
        var estimated = false;
        foreach (var byObject in _groups.Values.Where(g => _map.People.ContainsKey(g.Object) && g.HasRows).GroupBy(g => g.Object))
        {
            var groups = byObject.ToList();
            long n;
            if (_map.People[byObject.Key] == PeopleCount.DistinctIds && groups.Any(g => g.Ids is not null))
            {
                var ids = new HashSet<string>(groups.Where(g => g.Ids is not null).SelectMany(g => g.Ids!), StringComparer.Ordinal);
                n = Math.Max(ids.Count, groups.Max(g => g.Rows));
                estimated |= groups.Any(g => g.Rows > 0);
            }
            else
            {
                n = groups.Max(g => g.Records);
                estimated |= groups.Count > 1 || _map.People[byObject.Key] == PeopleCount.DistinctIds;
            }
            if (n == 0) continue;
            objects++;
            total += n;
        }
        if (objects == 0) return null;
        return (total, estimated || objects > 1);
    }

    /// <summary>People by jurisdiction from residency exports; empty when none was read.</summary>
    public SortedDictionary<string, long> Subjects()
    {
        var d = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var j in _residents.Values)
            if (j is not null) d[j] = d.GetValueOrDefault(j) + 1;
        return d;
    }

    void IEventSink.Event(LogEvent e) => Add(e);

    void IEventSink.Bad(BadLine bad)
    {
        BadLineCount++;
        if (BadLines.Count < KeptBadLines) BadLines.Add(bad);
    }

    void IEventSink.Person(string obj, string id, string? jurisdiction, string file, long line)
    {
        _residents[obj + ":" + id] = jurisdiction;
        Span(_residencySpans, file).Add(line, line);
    }

    private static FileSpan Span(Dictionary<string, FileSpan> spans, string file)
    {
        if (!spans.TryGetValue(file, out var s)) spans[file] = s = new FileSpan(file);
        return s;
    }

    internal void Add(LogEvent e)
    {
        Events++;
        if ((_from is { } f && e.At < f) || (_to is { } t && e.At >= t)) { OutsideWindow++; return; }
        var actor = _map.Resolve(e.UserId, e.Username, e.ConnectedApp, e.Client);
        if (actor is null)
        {
            Unmapped++;
            if (UnmappedIdentities.Count < 20) UnmappedIdentities.Add(e.Username ?? e.UserId ?? e.ConnectedApp ?? e.Client ?? "(no user)");
            return;
        }
        var observations = Observations.Of(e, actor, _map);
        if (observations.Count == 0)
        {
            if (e.Kind.Use == Use.Access) { WithoutData++; return; }
            var key = (e.Kind.Name, e.File);
            if (!_other.TryGetValue(key, out var span)) _other[key] = span = new FileSpan(e.File);
            span.Add(e.Line, e.EndLine, e.At);
            return;
        }
        foreach (var o in observations) Observe(e, o);
    }

    private void Observe(LogEvent e, Observation o)
    {
        var actor = o.Actor;
        var key = (actor.Id, actor.Purpose, o.Object, actor.External);
        if (!_groups.TryGetValue(key, out var g)) _groups[key] = g = new AccessGroup(actor, o.Object);
        if (o.Fields.Count == 0) g.AllFields = true;
        foreach (var field in o.Fields) g.Fields.Add(field);
        _cats.Clear();
        _map.CategoriesOf(o.Object, o.Fields, _cats);
        g.Categories.UnionWith(_cats);
        if (o.Ids is { Count: > 0 } ids) { (g.Ids ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(ids); g.HasRows = true; }
        else if (o.Rows is { } rows) { g.Rows += rows; g.HasRows = true; }
        if (e.At < g.First) g.First = e.At;
        if (e.At > g.Last) g.Last = e.At;
        Span(g.Spans, e.File).Add(e.Line, e.EndLine, e.At);

        var anomalous = true;
        if (_judge is not null)
        {
            var request = new AccessRequest(actor.Id, actor.Purpose, o.Object, o.Fields, o.Ids is { Count: > 0 } ? o.Ids.Count : o.Rows, actor.External)
            {
                Categories = [.. _cats],
                On = e.At.InUtc().Date,
            };
            var violations = _judge.Judge(request);
            anomalous = violations.Count > 0;
            if (anomalous)
            {
                var vk = (actor.Id, actor.Purpose);
                if (!_violations.TryGetValue(vk, out var v)) _violations[vk] = v = new ViolationGroup(actor.Id, actor.Purpose);
                v.Events++;
                if (e.At < v.First) v.First = e.At;
                if (e.At > v.Last) v.Last = e.At;
                v.Objects.Add(o.Object);
                Span(v.Spans, e.File).Add(e.Line, e.EndLine, e.At);
                foreach (var x in violations)
                {
                    if (!v.Rules.TryGetValue(x.Rule, out var r)) v.Rules[x.Rule] = r = new RuleStats(x.Reason, x.Policy);
                    r.Events++;
                    if (e.At < r.First) r.First = e.At;
                    if (e.At > r.Last) r.Last = e.At;
                    Span(r.Spans, e.File).Add(e.Line, e.EndLine, e.At);
                }
            }
        }
        if (anomalous && (FirstAnomaly is null || e.At < FirstAnomaly.Value.At)) FirstAnomaly = (e.At, actor);
    }
}
