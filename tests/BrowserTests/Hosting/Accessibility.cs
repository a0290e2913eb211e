using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PenToscana.BrowserTests.Hosting;

/// <summary>axe-core against WCAG 2.0/2.1 A and AA: a serious or critical violation fails the test.</summary>
internal static class Accessibility
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    /// <param name="toleratedRules">
    /// Rule ids reported but not failed. Only for third-party markup we do not write (Scalar's API page); never for our pages.
    /// </param>
    public static async Task AssertAccessibleAsync(IPage page, AxeRunContext? context = null, IReadOnlyCollection<string>? toleratedRules = null)
    {
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            ResultTypes = [ResultType.Violations],
        };
        var result = context is null ? await RunOnWholePageAsync(page, options) : await page.RunAxe(context, options);
        var serious = result.Violations.Where(v => FailingImpacts.Contains(v.Impact)).ToList();
        foreach (var tolerated in serious.Where(v => toleratedRules?.Contains(v.Id) == true))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Tolerated third-party accessibility finding on {page.Url}: {tolerated.Id} [{tolerated.Impact}] on {tolerated.Nodes.Length} element(s)");
        }

        var failing = serious.Where(v => toleratedRules?.Contains(v.Id) != true).ToList();
        if (failing.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"Accessibility violations (axe-core, WCAG 2.1 AA) on {page.Url}:");
        foreach (var violation in failing)
        {
            report.AppendLine().Append($"- {violation.Id} [{violation.Impact}]: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine().Append($"    target {node.Target}: {Shorten(node.Html)}");
            }
        }

        throw new ShouldAssertException(report.ToString());
    }

    // axe's default mode (runPartial) finishes every run in a fresh blank tab, a new renderer process: about 2.5 s
    // per page on the shared CI machine against 0.5 s for a single axe.run in the page. That second path exists for
    // cross-origin iframes, which our pages do not have, so the whole document is checked in one call. Run on the
    // <html> element, axe treats the context as the page and still applies page-level rules (lang, title, landmarks).
#pragma warning disable CS0618 // RunAxeLegacy: "being removed in the future"; page.RunAxe(options) is the drop-in replacement.
    private static Task<AxeResult> RunOnWholePageAsync(IPage page, AxeRunOptions options) => page.Locator("html").RunAxeLegacy(options);
#pragma warning restore CS0618

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
