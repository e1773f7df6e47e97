namespace Verdict.Bench.W1;

/// <summary>
/// W1 written by hand in plain C# over the typed incident objects: the yardstick the issue calls "hand-written C#
/// over typed objects". Straightforward code as a developer would write it (dictionary look-ups, a list per decision,
/// a sort), not specialised beyond that. Mirrors gen.py's reference implementation line by line.
/// </summary>
public static class Baseline
{
    private static readonly Dictionary<string, int> Tier = new(StringComparer.Ordinal)
    {
        ["special"] = 3, ["health"] = 3, ["children"] = 3, ["credentials"] = 3, ["biometric"] = 3,
        ["financial"] = 2, ["government-id"] = 2, ["deepfake"] = 2,
        ["contact"] = 1, ["behavioral"] = 1, ["synthetic"] = 1,
    };

    private static readonly string[] Levels = ["low", "medium", "high", "critical"];

    private static readonly int[,] Matrix = { { 0, 0, 0, 1, 1 }, { 0, 0, 1, 1, 2 }, { 1, 1, 2, 2, 3 }, { 2, 2, 3, 3, 3 } };

    private static readonly (string J, int Individuals, int AgMin, int AgDays)[] States =
    [
        ("US-CA", 30, 500, 30), ("US-NY", 30, 1, 30), ("US-TX", 60, 250, 30),
        ("US-FL", 30, 500, 30), ("US-WA", 30, 500, 30), ("US-CO", 30, 500, 30),
    ];

    private static readonly (string Regime, string Ag)[] StateNames =
        States.Select(s => (s.J.ToLowerInvariant(), s.J.ToLowerInvariant() + "-ag")).ToArray();

    private static int Band(long records) =>
        records < 100 ? 0 : records < 1_000 ? 1 : records < 10_000 ? 2 : records < 100_000 ? 3 : 4;

    /// <summary>The final level, 0 (low) to 3 (critical).</summary>
    public static int Severity(W1Incident f)
    {
        var sensitivity = 0;
        foreach (var c in f.DataCategories) sensitivity = Math.Max(sensitivity, Tier[c]);
        var level = Matrix[sensitivity, Band(f.Records)];
        if (f.Autonomy == "autonomous-agent") level++;
        if (f.Encrypted) level--;
        return Math.Clamp(level, 0, 3);
    }

    private static DateTime BusinessDays(DateTime start, int n)
    {
        var t = start;
        while (n > 0)
        {
            t = t.AddDays(1);
            if (t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) n--;
        }
        return t;
    }

    /// <summary>Decides one incident.</summary>
    public static W1Decision Decide(W1Incident f)
    {
        var level = Severity(f);
        var aware = f.AwareAt;
        var enc = f.Encrypted;
        var subjects = f.Subjects;
        long N(string j) => subjects.TryGetValue(j, out var v) ? v : 0;
        DateTime Hours(int h) => aware.AddHours(h);
        DateTime Days(int d) => aware.AddHours(24 * d);
        var o = new List<W1Obligation>();
        void Owe(bool when, string regime, string recipient, DateTime? due)
        {
            if (when) o.Add(new W1Obligation(regime, recipient, due));
        }

        Owe(N("EU") > 0 && !(enc && level == 0), "gdpr-33", "supervisory-authority", Hours(72));
        Owe(N("EU") > 0 && level >= 2 && !enc, "gdpr-34", "data-subjects", null);
        Owe(N("GB") > 0 && !(enc && level == 0), "ukgdpr-33", "ico", Hours(72));
        Owe(N("GB") > 0 && level >= 2 && !enc, "ukgdpr-34", "data-subjects", null);
        Owe(N("EU") > 0 && f.AiInvolved && f.RiskClass == "high" && level >= 2,
            "euaia-73", "market-surveillance-authority", level == 3 ? Hours(48) : Days(15));
        for (var i = 0; i < States.Length; i++)
        {
            var (j, individuals, agMin, agDays) = States[i];
            var (regime, ag) = StateNames[i];
            Owe(N(j) > 0 && !enc, regime, "individuals", Days(individuals));
            Owe(N(j) >= agMin && !enc, ag, "attorney-general", Days(agDays));
        }
        Owe(N("US-MA") > 0 && !enc, "us-ma", "individuals", null);
        Owe(N("US-MA") > 0 && !enc, "us-ma-ag", "attorney-general", null);
        Owe(N("CA") > 0 && level >= 1, "ca-pipeda", "privacy-commissioner", null);
        Owe(N("AU") > 0 && level >= 2, "au-ndb", "oaic", Days(30));
        Owe(N("SG") > 0 && (N("SG") >= 500 || level >= 2), "sg-pdpa", "pdpc", Hours(72));
        Owe(N("BR") > 0 && level >= 1, "br-lgpd", "anpd", BusinessDays(aware, 3));
        Owe(N("IN") > 0, "in-dpdp", "data-protection-board", Hours(72));
        Owe(N("JP") > 0 && (level >= 2 || N("JP") > 1000), "jp-appi", "ppc", Days(30));
        Owe(N("KR") > 0, "kr-pipa", "pipc", Hours(72));
        Owe(N("CH") > 0 && level >= 2, "ch-fadp", "fdpic", null);
        var fin = f.Sector == "fintech" && level >= 2;
        Owe(fin, "dora-initial", "financial-supervisor", Hours(24));
        Owe(fin, "dora-intermediate", "financial-supervisor", Hours(72));
        Owe(fin, "dora-final", "financial-supervisor", Days(30));
        Owe(f.Listed && f.Material, "sec-8k", "sec", BusinessDays(aware, 4));
        o.Sort(W1Decision.Order);
        return new W1Decision(f.Id, Levels[level], o.ToArray());
    }
}
