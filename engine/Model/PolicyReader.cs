using Verdict.Decisions;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>Turns a schema-valid policy node tree into its typed document. Shape errors were caught by the schema.</summary>
public static class PolicyReader
{
    private static Authority? AuthorityOf(MapNode? a) =>
        a is null ? null : new Authority(a.GetString("name")!, a.GetString("channel"), a.GetString("source")!, a.GetString("asOf")!);

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>Reads a document of a known kind.</summary>
    public static PolicyDocument Read(MapNode node, string file)
    {
        var header = Header(node);
        return header.Kind switch
        {
            "SeverityMatrix" => Severity(header, node, file),
            "NotificationObligation" => Notification(header, node, file),
            "Calendar" => Calendar(header, node, file),
            "PurposeBinding" => PurposeReader.Read(header, node, file),
            "EscalationPath" => EscalationReader.Read(header, node, file),
            "ActionPlan" => ActionReader.Read(header, node, file),
            "RiskAssessment" => RiskAssessmentReader.Read(header, node, file),
            _ => throw VerdictException.Single(Codes.UnknownKind, $"unknown policy kind `{header.Kind}`", node.Location),
        };
    }

    /// <summary>Reads the manifest.</summary>
    public static BundleManifest Manifest(MapNode node)
    {
        var vocab = node.GetValue("vocabulary") as MapNode;
        var groups = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node.GetValue("jurisdictionGroups") is MapNode g)
            foreach (var (k, v) in g.Entries) groups[k.Value] = Strings(v);
        var limits = node.GetValue("limits") as MapNode;
        var d = new ScriptLimits();
        var max = ScriptLimits.Ceiling;
        var errors = new List<Diagnostic>();
        var scriptLimits = new ScriptLimits(
            (int)Limit(limits, "jsTimeoutMs", d.TimeoutMs, max.TimeoutMs, errors), (int)Limit(limits, "jsMaxStatements", d.MaxStatements, max.MaxStatements, errors),
            Limit(limits, "jsMemoryBytes", d.MemoryBytes, max.MemoryBytes, errors), (int)Limit(limits, "jsRecursion", d.Recursion, max.Recursion, errors));
        var completions = (int)Limit(limits, "uncertaintyCompletions", 4096, 1_000_000, errors);
        if (errors.Count > 0) throw new VerdictException(errors.OrderBy(e => e.Location!.Line).ToList());
        return new BundleManifest(
            node.GetString("name")!, node.GetString("version")!, node.GetString("description"),
            Strings(node.GetValue("include")), Strings(vocab?.GetValue("regimes")), Strings(vocab?.GetValue("recipients")), groups,
            scriptLimits, completions);
    }

    /// <summary>A script limit from bundle.yaml: a whole number from 1 to the engine's ceiling, never a value that wraps.</summary>
    private static long Limit(MapNode? limits, string key, long fallback, long max, List<Diagnostic> errors)
    {
        if (limits?.GetValue(key) is not ScalarNode s) return fallback;
        if (long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max) return v;
        errors.Add(Diagnostic.Error(Codes.BadLimit, $"`limits.{key}` is `{s.Value}`, expected a whole number from 1 to {max}", s.Location,
            $"the host caps `{key}` at {max}; remove it to use the default of {fallback}"));
        return fallback;
    }

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>, or a located error (never an overflow).</summary>
    private static int Whole(ScalarNode s, string text, int min, int max, string what)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw VerdictException.Single(Codes.NumberOutOfRange, $"{what} `{text}` is out of range, expected {min} to {max}", s.Location,
                $"write a whole number from {min} to {max}");
        return v;
    }

    private static PolicyHeader Header(MapNode n)
    {
        var eff = (MapNode)n.Get("effective")!;
        var functions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (n.GetValue("functions") is MapNode f)
            foreach (var (k, v) in f.Entries) functions[k.Value] = ((ScalarNode)v).Value;
        return new PolicyHeader(
            n.GetString("kind")!, n.GetString("id")!, n.GetString("version")!,
            Date(eff.GetValue("from")!)!.Value, Date(eff.GetValue("until")),
            n.GetString("owner")!, n.GetString("title"), Strings(n.GetValue("citations")),
            n.GetString("verification"), Strings(n.GetValue("unverified")), n.GetString("language") ?? "lambda", functions,
            EffectiveZone(eff));
    }

    private static SeverityMatrixDocument Severity(PolicyHeader h, MapNode n, string file) => new(h, n, file)
    {
        HitPolicy = n.GetString("hitPolicy")!,
        Inputs = Maps(n.GetValue("inputs")).Select(i =>
        {
            Dictionary<string, double>? scores = null;
            if (i.GetValue("scores") is MapNode s)
            {
                scores = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var (k, v) in s.Entries) scores[k.Value] = NodeReader.AsDouble((ScalarNode)v);
            }
            return new MatrixInput(i.GetString("id")!, i.GetString("label"), Located.Of((ScalarNode)i.Get("expression")!), scores,
                i.GetString("aggregate") ?? "max", i.GetValue("default") is ScalarNode def ? NodeReader.AsDouble(def) : null, i);
        }).ToList(),
        Rows = Maps(n.GetValue("rows")).Select(r => new MatrixRow(
            r.GetString("id")!,
            (r.GetValue("when") as MapNode)?.Entries.Select(e => new KeyValuePair<string, Node>(e.Key.Value, e.Value)).ToList() ?? [],
            r.GetString("level")!, r.GetString("rationale"), r.GetString("citation"), r)).ToList(),
        Modifiers = Maps(n.GetValue("modifiers")).Select(m => new SeverityModifier(
            m.GetString("id")!, Located.Of((ScalarNode)m.Get("when")!),
            m.GetValue("adjust") is ScalarNode a ? Whole(a, a.Value, -3, 3, "adjust") : 0,
            m.GetString("atLeast"), m.GetString("atMost"), m.GetString("whenUnknown") == "skip",
            m.GetString("rationale"), m.GetString("citation"), m)).ToList(),
    };

    private static NotificationObligationDocument Notification(PolicyHeader h, MapNode n, string file)
    {
        var obliged = n.GetValue("obliged") as MapNode;
        return new NotificationObligationDocument(h, n, file)
        {
            Regime = n.GetString("regime")!,
            Jurisdiction = n.GetString("jurisdiction")!,
            Territorial = n.GetString("territorial") ?? "subjects",
            Roles = Strings(obliged?.GetValue("roles")),
            RegulatedAs = Strings(obliged?.GetValue("regulatedAs")),
            Sectors = Strings(obliged?.GetValue("sectors")),
            When = Located.OfOptional(n.GetValue("when")),
            Obligations = Maps(n.GetValue("obligations")).Select(o => new ObligationSpec(
                o.GetString("id")!, o.GetString("title"), o.GetString("recipient")!, o.GetString("citation")!,
                Located.OfOptional(o.GetValue("when")), o.GetString("whenUnknown") == "skip",
                Maps(o.GetValue("exemptions")).Select(e => new ExemptionSpec(e.GetString("id")!, Located.Of((ScalarNode)e.Get("when")!),
                    e.GetString("reason")!, e.GetString("citation"), e)).ToList(),
                Maps(o.GetValue("stages")).Select(s => new StageSpec(s.GetString("stage")!, Deadline((MapNode)s.Get("deadline")!),
                    s.GetString("describe"), s.GetString("citation"), s)).ToList(),
                Maps(o.GetValue("content")).Select(c => new ContentSpec(c.GetString("item")!, Located.OfOptional(c.GetValue("fact")),
                    c.GetString("citation"), c)).ToList(),
                o) { Authority = AuthorityOf(o.GetValue("authority") as MapNode) }).ToList(),
        };
    }

    private static DeadlineSpec Deadline(MapNode d) =>
        d.GetValue("earliestOf") is SeqNode many
            ? new DeadlineSpec(null, many.Items.OfType<MapNode>().Select(Clock).ToList(), d)
            : new DeadlineSpec(Clock(d), [], d);

    private static ClockSpec Clock(MapNode c)
    {
        var within = c.GetString("within")!;
        int amount = 0;
        string unit = "asap";
        if (within != "asap")
        {
            // The one duration grammar (docs/durations.md); a deadline counts hours, days, business days or months.
            var at = c.Get("within")!.Location;
            if (!PolicyDuration.TryParse(within, out var d, out var error))
                throw VerdictException.Single(Codes.BadFormat, error!, at, $"write e.g. 72h, 30d, 3bd, 1mo, PT72H, P30D, P1M or asap (see docs/durations.md)");
            if (d.Amount > 100_000 * (d.Unit == DurationUnit.Minutes ? 60 : 1))
                throw VerdictException.Single(Codes.NumberOutOfRange, $"`{within}` is beyond the longest deadline Verdict counts (100000 units)", at,
                    "no notification law counts a deadline that long; check the number");
            if (d.Amount == 0)
                throw VerdictException.Single(Codes.BadFormat, $"`{within}` is a deadline of zero", at, "write `asap` for a duty without a numeric deadline");
            if (d.Unit == DurationUnit.Minutes && d.Amount % 60 != 0)
                throw VerdictException.Single(Codes.BadFormat, $"`{within}` counts minutes; deadlines count whole hours, days, business days or months", at,
                    "write the deadline in hours, e.g. 72h or PT72H");
            (amount, unit) = d.Unit switch
            {
                DurationUnit.Minutes => ((int)(d.Amount / 60), "h"),
                DurationUnit.Hours => ((int)d.Amount, "h"),
                DurationUnit.Days => ((int)d.Amount, "d"),
                DurationUnit.BusinessDays => ((int)d.Amount, "bd"),
                _ => ((int)d.Amount, "mo"),
            };
        }
        return new ClockSpec(c.GetString("from")!, amount, unit,
            c.GetValue("endOfDay") is ScalarNode eod ? NodeReader.AsBool(eod) : null,
            c.GetString("zone"), c.GetString("calendar"), c.GetString("legal") ?? "none", c);
    }

    private static CalendarDocument Calendar(PolicyHeader h, MapNode n, string file)
    {
        var years = (MapNode)n.Get("years")!;
        return new CalendarDocument(h, n, file)
        {
            Zone = n.GetString("zone")!,
            Weekend = Strings(n.GetValue("weekend")).Select(d => Enum.Parse<IsoDayOfWeek>(d, ignoreCase: true)).ToList(),
            FirstYear = Whole((ScalarNode)years.Get("from")!, ((ScalarNode)years.Get("from")!).Value, 1900, 9999, "year"),
            LastYear = Whole((ScalarNode)years.Get("to")!, ((ScalarNode)years.Get("to")!).Value, 1900, 9999, "year"),
            Holidays = Maps(n.GetValue("holidays")).Select(x => (Date(x.Get("date"))!.Value, x.GetString("name")!)).ToList(),
        };
    }

    private static DateTimeZone EffectiveZone(MapNode effective)
    {
        if (effective.GetValue("zone") is not ScalarNode z) return DateTimeZone.Utc;
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(z.Value) ?? throw VerdictException.Single(Codes.UnknownReference,
            $"unknown time zone `{z.Value}`", z.Location,
            Suggest.Nearest(z.Value, DateTimeZoneProviders.Tzdb.Ids) is { } near ? $"did you mean `{near}`?" : "use an IANA zone id such as America/Los_Angeles");
    }

    /// <summary>The mappings of a list node (empty when absent).</summary>
    public static IEnumerable<MapNode> Maps(Node? n) => n is SeqNode s ? s.Items.OfType<MapNode>() : [];

    /// <summary>The strings of a list node (empty when absent).</summary>
    public static IReadOnlyList<string> Strings(Node? n) =>
        n is SeqNode s ? s.Items.OfType<ScalarNode>().Select(x => x.Value).ToList() : [];

    /// <summary>Parses a YYYY-MM-DD node; a malformed date is an error at its place.</summary>
    public static LocalDate? Date(Node? n)
    {
        if (n is not ScalarNode s || s.IsNull) return null;
        var r = DatePattern.Parse(s.Value);
        if (!r.Success)
            throw VerdictException.Single(Codes.BadFormat, $"`{s.Value}` is not a valid date", s.Location, "write YYYY-MM-DD, e.g. 2026-01-01");
        return r.Value;
    }
}
