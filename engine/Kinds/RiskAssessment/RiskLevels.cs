namespace Verdict.Model;

/// <summary>The words of a risk assessment: ranks are the index in each list.</summary>
public static class RiskLevels
{
    /// <summary>Risk to the rights and freedoms of natural persons (GDPR Art. 33(1), 34(1)).</summary>
    public static readonly string[] Risk = ["unlikely", "risk", "high"];

    /// <summary>Severity and likelihood scale (ENISA 2013 ease of identification words; CNIL PIA scale).</summary>
    public static readonly string[] Scale = ["negligible", "limited", "significant", "maximum"];

    /// <summary>The rank of a risk word, or -1.</summary>
    public static int RiskRank(string? word) => word is null ? -1 : Array.IndexOf(Risk, word);

    /// <summary>The rank of a scale word, or -1.</summary>
    public static int ScaleRank(string? word) => word is null ? -1 : Array.IndexOf(Scale, word);
}
