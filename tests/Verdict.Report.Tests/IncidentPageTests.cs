using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NodaTime;
using Verdict.Cli.Commands;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Report.Tests;

/// <summary>The incident page as a person sees it in a browser: it renders cleanly, offline, accessibly and as approved.</summary>
[Collection(nameof(Browser))]
public sealed class IncidentPageTests(Browser browser)
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => BundleCache.Load(Path.Combine(Repo.Root, "policies"), new BundleOptions()));

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(Repo.Root, "policies", "examples"), "*.decision.json")
            .Select(p => Path.GetFileName(p)[..^".decision.json".Length]).Order(StringComparer.Ordinal)];

    /// <summary>The example's page as of 36 hours after awareness, written to a temporary file.</summary>
    private static (string File, Decisions.Decision Decision) Render(string example)
    {
        var facts = FactsLoader.LoadFile(Path.Combine(Repo.Root, "policies", "examples", example + ".yaml"));
        var decision = Bundle.Value.Decide(facts);
        var html = DecisionHtml.Write(decision, facts, new ClockView(facts.Timeline.AwareAt + Duration.FromHours(36)));
        var file = Path.Combine(Directory.CreateTempSubdirectory("verdict-page-").FullName, example + ".html");
        File.WriteAllText(file, html);
        return (file, decision);
    }

    private async Task<IPage> Open(string file, bool bypassCsp = false, List<string>? errors = null, List<string>? requests = null)
    {
        var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 }, BypassCSP = bypassCsp, DeviceScaleFactor = 1 });
        var page = await context.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        page.Console += (_, m) => { if (m.Type == "error") errors?.Add(m.Text); };
        page.PageError += (_, e) => errors?.Add(e);
        page.Request += (_, r) => { if (r.Url != url) requests?.Add(r.Url); };
        await page.GotoAsync(url);
        return page;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_page_renders_without_console_errors_or_network_requests(string example)
    {
        var (file, _) = Render(example);
        var errors = new List<string>();
        var requests = new List<string>();
        var page = await Open(file, errors: errors, requests: requests);
        Assert.Equal("Deadline timeline", await page.Locator("#h-timeline").InnerTextAsync());
        Assert.Empty(errors);
        Assert.Empty(requests);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_obligation_appears_on_the_timeline_in_deadline_order(string example)
    {
        var (file, decision) = Render(example);
        var page = await Open(file);
        var marks = page.Locator("svg.timeline g.ob[data-due]");
        var positions = new List<(string Due, double X)>();
        for (var i = 0; i < await marks.CountAsync(); i++)
        {
            var box = await marks.Nth(i).Locator(".mark").BoundingBoxAsync();
            positions.Add((await marks.Nth(i).GetAttributeAsync("data-due") ?? "", box!.X + box.Width / 2));
        }
        Assert.Equal(decision.Obligations.Count(o => o.DueAt is not null), positions.Count);
        var ordered = positions.OrderBy(p => p.Due, StringComparer.Ordinal).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (string.CompareOrdinal(ordered[i].Due, ordered[i - 1].Due) > 0)
                Assert.True(ordered[i].X > ordered[i - 1].X, $"{ordered[i].Due} is drawn left of {ordered[i - 1].Due}");
        foreach (var o in decision.Obligations)
            Assert.True(await page.Locator($"svg.timeline g.ob[data-id=\"{o.Id}\"]").CountAsync() > 0, $"{o.Id} is not on the timeline");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Axe_finds_no_serious_accessibility_violation(string example)
    {
        var (file, _) = Render(example);
        var page = await Open(file, bypassCsp: true); // axe-core is injected as a script, which the page's own policy forbids
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Count()} nodes)").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_page_looks_as_approved(string example)
    {
        var (file, _) = Render(example);
        var page = await Open(file);
        var shot = await page.ScreenshotAsync(); // the viewport: header and timeline, what a reader sees first
        var approved = Path.Combine(Repo.Root, "tests", "Verdict.Report.Tests", "approved", example + ".png");
        if (Environment.GetEnvironmentVariable("VERDICT_ACCEPT_SCREENSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approved)!);
            await File.WriteAllBytesAsync(approved, shot);
        }
        Assert.True(File.Exists(approved), $"no approved screenshot {approved}: run the tests once with VERDICT_ACCEPT_SCREENSHOTS=1 and review the PNG");
        var diff = await PixelDiff(await File.ReadAllBytesAsync(approved), shot);
        Assert.True(diff <= 0.02, $"{diff:P2} of the pixels differ from {approved} (tolerance 2%); if the change is intended, accept it with VERDICT_ACCEPT_SCREENSHOTS=1");
    }

    /// <summary>The fraction of pixels that differ noticeably, computed by the browser on a blank page (no image library needed).</summary>
    private async Task<double> PixelDiff(byte[] a, byte[] b)
    {
        var context = await browser.Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var result = await page.EvaluateAsync<double>("""
            async ([a, b]) => {
              const load = src => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
              const [x, y] = await Promise.all([load(a), load(b)]);
              const w = Math.max(x.width, y.width), h = Math.max(x.height, y.height);
              const pixels = img => { const c = document.createElement('canvas'); c.width = w; c.height = h; const g = c.getContext('2d');
                g.fillStyle = '#fff'; g.fillRect(0, 0, w, h); g.drawImage(img, 0, 0); return g.getImageData(0, 0, w, h).data; };
              const p = pixels(x), q = pixels(y);
              let differ = 0;
              for (let i = 0; i < p.length; i += 4)
                if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) differ++;
              return differ / (w * h);
            }
            """, new[] { "data:image/png;base64," + Convert.ToBase64String(a), "data:image/png;base64," + Convert.ToBase64String(b) });
        await context.CloseAsync();
        return result;
    }
}

/// <summary>The repository root, found from the test's folder.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Verdict.slnx"))) return dir;
        throw new InvalidOperationException("repository root (Verdict.slnx) not found above " + AppContext.BaseDirectory);
    }
}
