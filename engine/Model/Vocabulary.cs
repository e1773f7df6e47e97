namespace Verdict.Model;

/// <summary>The controlled vocabularies of docs/design.md; a bundle manifest may add to them.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> Regimes =
    [
        "gdpr", "uk-gdpr", "eu-ai-act", "nis2", "dora", "hipaa", "sec-8k", "nydfs", "glba", "us-ca", "us-ny", "us-tx", "us-fl", "us-co",
        "us-wa", "us-ma", "us-il", "ca-pipeda", "ca-qc", "br-lgpd", "au-ndb", "sg-pdpa", "in-dpdp", "jp-appi", "kr-pipa", "ch-fadp", "cn-pipl",
    ];

    public static readonly IReadOnlyList<string> Recipients =
    [
        "supervisory-authority", "data-subjects", "controller", "market-surveillance-authority", "csirt", "competent-authority",
        "attorney-general", "state-regulator", "hhs", "media", "sec", "consumer-reporting-agencies", "provider",
    ];

    public static readonly IReadOnlyList<string> Stages = ["single", "early-warning", "initial", "intermediate", "notification", "final"];
}
