using System.Linq.Dynamic.Core.CustomTypeProviders;

// In the expressions namespace: the sandbox admits only the scope's own namespaces.
namespace Verdict.Expressions;

/// <summary>
/// The risk to people as expressions see it: the controller's documented assessment when given, else the risk the
/// bundle's RiskAssessment policy derived. Each member is a fact path of its own (<c>risk.level</c>, <c>risk.high</c>,
/// <c>risk.unlikely</c>), present only when it is decided: an indeterminate risk can still decide that it is not high.
/// </summary>
[DynamicLinqType]
public sealed class RiskView
{
    /// <summary>unlikely, risk or high.</summary>
    public string Level { get; internal set; } = "";

    /// <summary>0 unlikely, 1 risk, 2 high.</summary>
    public int Rank { get; internal set; }

    /// <summary>True when the risk is high (GDPR Art. 34(1)).</summary>
    public bool High { get; internal set; }

    /// <summary>True when the breach is unlikely to result in a risk (GDPR Art. 33(1)).</summary>
    public bool Unlikely { get; internal set; }
}
