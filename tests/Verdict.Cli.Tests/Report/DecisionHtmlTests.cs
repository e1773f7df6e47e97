using System.Globalization;
using System.Text.RegularExpressions;
using Verdict.Cli.Commands;
using Verdict.Compilation;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Cli.Tests.Report;

/// <summary>The HTML incident page: self-contained, escaped, deterministic, and its timeline in deadline order.</summary>
public sealed partial class DecisionHtmlTests
{
    private static readonly Lazy<PolicyBundle> Bundle = new(() => BundleCache.Load(ServeRepo.Policies, new BundleOptions()));
    private static readonly ClockView AsOf = new(NodaTime.Instant.FromUtc(2026, 11, 22, 9, 0));

    private static (string Html, Decisions.Decision Decision) Page(string facts = "fintech-credit-risk-sync")
    {
        var f = FactsLoader.LoadFile(Path.Combine(ServeRepo.Policies, "examples", facts + ".yaml"));
        var d = Bundle.Value.Decide(f);
        return (DecisionHtml.Write(d, f, AsOf), d);
    }

    [Fact]
    public void The_page_fetches_nothing()
    {
        var (html, _) = Page();
        Assert.Contains("default-src 'none'", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch(SrcOrHref(), html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void Every_obligation_is_on_the_timeline_in_deadline_order()
    {
        var (html, d) = Page();
        var marks = Marker().Matches(html).Select(m => (Id: m.Groups["id"].Value, X: double.Parse(m.Groups["x"].Value, CultureInfo.InvariantCulture))).ToList();
        var dated = d.Obligations.Where(o => o.DueAt is not null).ToList();
        Assert.Equal(dated.Count, marks.Count);
        var byDue = dated.OrderBy(o => o.DueAt).Select(o => o.DueAt!.Value).ToList();
        var xs = marks.OrderBy(m => m.X).Select(m => m.X).ToList();
        for (var i = 1; i < byDue.Count; i++)
            if (byDue[i] > byDue[i - 1]) Assert.True(xs[i] >= xs[i - 1]);
        foreach (var o in d.Obligations) Assert.Contains($"data-id=\"{o.Id}\"", html);
    }

    [Fact]
    public void An_overdue_duty_is_marked_in_words_not_colour_alone()
    {
        var (html, _) = Page();
        Assert.Contains("OVERDUE", html);
        Assert.Contains("class=\"ob overdue\"", html);
    }

    [Fact]
    public void Text_from_the_facts_is_escaped()
    {
        var text = File.ReadAllText(Path.Combine(ServeRepo.Policies, "examples", "fintech-credit-risk-sync.yaml"))
            .Replace("id: INC-2026-0042", "id: \"<script>alert(1)</script>\"", StringComparison.Ordinal);
        var f = FactsLoader.LoadText(text, "hostile.yaml");
        var html = DecisionHtml.Write(Bundle.Value.Decide(f), f);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void The_same_inputs_give_the_same_bytes_under_other_cultures_and_time_zones()
    {
        var (first, _) = Page();
        var culture = CultureInfo.CurrentCulture;
        var tz = Environment.GetEnvironmentVariable("TZ");
        try
        {
            foreach (var (c, zone) in new[] { ("tr-TR", "Pacific/Kiritimati"), ("ar-SA", "America/St_Johns"), ("de-DE", "Asia/Kathmandu") })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(c);
                Environment.SetEnvironmentVariable("TZ", zone);
                TimeZoneInfo.ClearCachedData();
                Assert.Equal(first, Page().Html);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            Environment.SetEnvironmentVariable("TZ", tz);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Fact]
    public void Every_undecided_item_is_listed_under_what_we_still_need_to_find_out()
    {
        var (html, d) = Page();
        foreach (var fact in d.Obligations.SelectMany(o => o.MissingFacts).Distinct())
            Assert.Contains($"<li><code>{fact}</code> decides", html);
    }

    [GeneratedRegex("""(src|href)\s*=\s*"(?!#)""")]
    private static partial Regex SrcOrHref();

    [GeneratedRegex("""class="ob [a-z]+" data-id="(?<id>[^"]+)" data-stage="[^"]+" data-due="[^"]+" data-x="(?<x>[0-9.]+)""")]
    private static partial Regex Marker();
}
