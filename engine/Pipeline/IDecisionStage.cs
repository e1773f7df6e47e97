namespace Verdict.Pipeline;

/// <summary>
/// One stage of the decision: it reads the facts and what the stages it names in <see cref="Reads"/> wrote to the
/// <see cref="DecisionContext"/>, and writes its own part. A stage that meets a failing policy records it with
/// <see cref="DecisionContext.Fail"/> and goes on with the others.
/// </summary>
public interface IDecisionStage
{
    /// <summary>The stage's name, as failures and traces name it (<c>severity</c>, <c>obligations</c>, …).</summary>
    string Name { get; }

    /// <summary>The stages whose results this one reads; each must run before it.</summary>
    IReadOnlyList<string> Reads { get; }

    /// <summary>Runs the stage for one decision.</summary>
    void Run(DecisionContext context);
}
