using Verdict.Compilation;
using Verdict.Decisions;

namespace Verdict.Salesforce.Facts;

/// <summary>Decides whether one logged read breaks a purpose binding.</summary>
public interface IAccessJudge
{
    /// <summary>The rules the read breaks; empty when it is allowed.</summary>
    IReadOnlyList<PurposeViolation> Judge(AccessRequest request);
}

/// <summary>Judges reads with the purpose bindings of a compiled bundle (the engine's access decision).</summary>
public sealed class BundleJudge(PolicyBundle bundle) : IAccessJudge
{
    /// <inheritdoc />
    public IReadOnlyList<PurposeViolation> Judge(AccessRequest request) => bundle.DecideAccess(request).Violations;
}
