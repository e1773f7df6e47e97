using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verdict.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Verdict with a host.</summary>
public static class VerdictServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="VerdictBundles"/> (the bundle to decide with, loaded at first use and swapped on reload),
    /// <see cref="VerdictOptions"/> and the hosted <see cref="VerdictBundleReloader"/>.
    /// </summary>
    public static IServiceCollection AddVerdict(this IServiceCollection services, Action<VerdictOptions> configure)
    {
        services.AddOptions<VerdictOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.PoliciesPath), "VerdictOptions.PoliciesPath must name the policy folder");
        services.AddLogging();
        services.AddSingleton<VerdictBundles>();
        services.AddHostedService<VerdictBundleReloader>();
        return services;
    }
}
