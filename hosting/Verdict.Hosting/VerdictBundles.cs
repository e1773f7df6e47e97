using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verdict.Decisions;
using Verdict.Diagnostics;

namespace Verdict.Hosting;

/// <summary>
/// The bundle a host decides with, swapped whole on reload: a decision reads <see cref="Current"/> once and uses that
/// bundle throughout. A reload that fails keeps the last good bundle and records why in <see cref="LastFailure"/>.
/// </summary>
public sealed class VerdictBundles
{
    private readonly VerdictOptions _options;
    private readonly ILogger<VerdictBundles> _log;
    private readonly Lock _reloading = new();
    private VerdictBundle _current;

    /// <summary>Loads the bundle; a host whose bundle does not load does not start.</summary>
    /// <exception cref="VerdictException">The bundle at <see cref="VerdictOptions.PoliciesPath"/> is invalid.</exception>
    public VerdictBundles(IOptions<VerdictOptions> options, ILogger<VerdictBundles> log)
    {
        _options = options.Value;
        _log = log;
        if (string.IsNullOrWhiteSpace(_options.PoliciesPath))
            throw VerdictException.Single(Codes.FileUnreadable, "no policy folder is configured", null, "set VerdictOptions.PoliciesPath in AddVerdict");
        _current = Load();
        _log.LogInformation("verdict bundle {Name} {Version} {Digest} loaded from {Path}", _current.Name, _current.Version, _current.Digest, _options.PoliciesPath);
    }

    /// <summary>The bundle serving now.</summary>
    public VerdictBundle Current => Volatile.Read(ref _current);

    /// <summary>Why the last reload failed, or null when it succeeded (or none was tried).</summary>
    public VerdictReloadFailure? LastFailure { get; private set; }

    /// <summary>Reloads now, one reload at a time; true when the new bundle serves, false when the old one keeps serving.</summary>
    public bool Reload(string trigger)
    {
        lock (_reloading)
        {
            try
            {
                var next = Load();
                var changed = next.Digest != Current.Digest;
                Volatile.Write(ref _current, next);
                LastFailure = null;
                VerdictMetrics.Reloads.Add(1);
                if (changed) _log.LogInformation("verdict bundle reloaded ({Trigger}): {Digest}", trigger, next.Digest);
                return true;
            }
            catch (VerdictException e)
            {
                LastFailure = new VerdictReloadFailure(DateTimeOffset.UtcNow, trigger, e.Diagnostics);
                VerdictMetrics.ReloadFailures.Add(1);
                foreach (var d in e.Diagnostics) _log.LogError("verdict bundle reload failed ({Trigger}), still serving {Digest}: {Diagnostic}", trigger, Current.Digest, d.ToString());
                return false;
            }
            catch (IOException e)
            {
                LastFailure = new VerdictReloadFailure(DateTimeOffset.UtcNow, trigger,
                    [Diagnostic.Error(Codes.FileUnreadable, $"the policy folder could not be read: {e.Message}")]);
                VerdictMetrics.ReloadFailures.Add(1);
                _log.LogError("verdict bundle reload failed ({Trigger}), still serving {Digest}: {Message}", trigger, Current.Digest, e.Message);
                return false;
            }
        }
    }

    /// <summary>Decides one incident with the current bundle and counts it.</summary>
    /// <exception cref="VerdictException">The facts are not valid.</exception>
    public Decision Decide(ReadOnlySpan<byte> facts, bool explain = false)
    {
        var decision = Current.Decide(facts, explain);
        VerdictMetrics.Decisions.Add(1);
        if (decision.HasFailures)
        {
            VerdictMetrics.DecisionsWithFailures.Add(1);
            foreach (var f in decision.Failures) _log.LogWarning("verdict policy failed while deciding {Incident}: {Failure}", decision.IncidentId, f.ToString());
        }
        return decision;
    }

    /// <summary>Facts bytes in, decision JSON bytes out, with the current bundle.</summary>
    /// <exception cref="VerdictException">The facts are not valid.</exception>
    public byte[] DecideJson(ReadOnlySpan<byte> facts, bool explain = false) => VerdictBundle.ToJson(Decide(facts, explain));

    private VerdictBundle Load() => VerdictBundle.Load(_options.PoliciesPath, new VerdictLoadOptions
    {
        AllowCSharp = _options.AllowCSharp,
        Languages = _options.ScriptLanguages ? (o, source) => Scripting.ScriptLanguages.Register(o, source) : null,
    });
}
