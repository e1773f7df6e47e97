using Verdict.Compilation;

namespace Verdict.Tests.Purpose;

/// <summary>Small purpose-binding bundles written to temp folders for the tests of this folder.</summary>
internal static class PurposeBundles
{
    /// <summary>
    /// A binding of <c>support</c> for actor <c>agent</c>: Case.* and three Contact fields allowed, Account financial
    /// fields and any <c>*Secret*</c> field denied, 50 records per access (Case: 200), no external AI.
    /// </summary>
    public const string Support = """
        apiVersion: verdict.dev/v1
        kind: PurposeBinding
        id: purpose/support
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        purpose: support
        citation: "GDPR Art. 5(1)(b)"
        actors: [agent, copilot]
        allow: [Case.*, Contact.Name, Contact.Email, Contact.Mailing*, Account.Name, "*.Id"]
        deny:
          - id: money
            fields: ["*.CreditScore__c", "Account.Annual*"]
            reason: support needs no financial data
          - id: secrets
            fields: ["*.*Secret*"]
            reason: never read secrets
            citation: "GDPR Art. 32"
        categories:
          allow: [contact, identity]
          deny: [health]
        limits:
          recordsPerAccess: 50
          byObject: { Case: 200 }
        externalAi: false
        """;

    /// <summary>Loads a bundle made of the given policy files (name → YAML).</summary>
    public static PolicyBundle Load(params (string Name, string Yaml)[] files)
    {
        using var dir = new TempBundle();
        foreach (var (name, yaml) in files) dir.Write(name, yaml);
        return PolicyBundle.Load(dir.Dir);
    }

    /// <summary>The support binding alone.</summary>
    public static PolicyBundle SupportOnly() => Load(("purpose/support.yaml", Support));
}
