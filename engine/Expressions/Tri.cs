namespace Verdict.Expressions;

/// <summary>Three-valued (Kleene) truth: a condition over a missing fact is Unknown, never a silent false.</summary>
public enum Tri : byte { False = 0, True = 1, Unknown = 2 }
