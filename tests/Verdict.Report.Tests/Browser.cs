using Microsoft.Playwright;

namespace Verdict.Report.Tests;

/// <summary>
/// One headless Chromium for the test run: Debian's `chromium` package (no browser can be downloaded here), found at
/// <c>VERDICT_CHROMIUM</c> or <c>/usr/bin/chromium</c>. A missing browser fails the tests with the command that installs
/// it; nothing is skipped silently.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Chromium { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("VERDICT_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath) && ExecutablePath == "/usr/bin/chromium") await Install();
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"no Chromium at {ExecutablePath}: install it with `sudo apt-get install -y chromium` (or set VERDICT_CHROMIUM to another binary)");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Chromium = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"] });
    }

    /// <summary>Runs <c>install-chromium.sh</c> (Debian's package, through apt-get); its output goes to the test log.</summary>
    private static async Task Install()
    {
        var script = Path.Combine(Repo.Root, "tests", "Verdict.Report.Tests", "install-chromium.sh");
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) Console.Error.WriteLine($"install-chromium.sh failed ({p.ExitCode}): {output}");
    }

    public async Task DisposeAsync()
    {
        await Chromium.CloseAsync();
        Playwright.Dispose();
    }
}

[CollectionDefinition(nameof(Browser))]
public sealed class BrowserCollection : ICollectionFixture<Browser>;
