namespace Verdict.Hosting;

/// <summary>Where the policy bundle is and how the host keeps it current (bound with <c>IOptions&lt;VerdictOptions&gt;</c>).</summary>
public sealed class VerdictOptions
{
    /// <summary>The policy folder (the one that holds <c>bundle.yaml</c>). Required.</summary>
    public string PoliciesPath { get; set; } = "";

    /// <summary>Register the <c>js</c> and <c>csharp</c> condition languages (csharp still needs <see cref="AllowCSharp"/>).</summary>
    public bool ScriptLanguages { get; set; } = true;

    /// <summary>Allow policies written in C#.</summary>
    public bool AllowCSharp { get; set; }

    /// <summary>Reload the bundle when a file under <see cref="PoliciesPath"/> changes.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long the folder must be quiet before a reload, so that a copy in progress is not loaded half-way.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}
