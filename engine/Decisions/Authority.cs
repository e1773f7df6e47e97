namespace Verdict.Decisions;

/// <summary>A recipient by name and filing channel, cited and dated: data in the bundle, never fetched at decision time.</summary>
public sealed record Authority(string Name, string? Channel, string Source, string AsOf);
