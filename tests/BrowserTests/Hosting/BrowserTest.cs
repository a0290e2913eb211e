using System.Collections.Concurrent;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace PenToscana.BrowserTests.Hosting;

/// <summary>
/// A test with its own browser context and tab. Every page the test reaches goes through <see cref="CheckPageAsync"/>:
/// axe-core finds no serious or critical WCAG 2.1 AA violation, the console shows no error (JS exception, CSP
/// violation, failed load) and no request to our origin failed or answered 4xx/5xx.
/// </summary>
public abstract class BrowserTest(PlatformFixture platform) : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<string, int> _expectedStatuses = new(StringComparer.Ordinal);
    private IBrowserContext? _context;
    private IPage? _page;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is not open.");

    protected Uri BaseAddress => platform.BaseAddress;

    /// <summary>The viewport of the test's browser window; phone tests override it.</summary>
    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    public async ValueTask InitializeAsync()
    {
        _context = await platform.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.BaseAddress.ToString(),
            Locale = "it-IT",
            TimezoneId = "Europe/Rome",
            ViewportSize = Viewport,
        });
        _context.SetDefaultTimeout(10_000);
        _context.SetDefaultNavigationTimeout(15_000);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpectedStatusMessage(message))
            {
                _problems.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
        _page.PageError += (_, error) => _problems.Enqueue($"JavaScript error: {error}");
        _page.RequestFailed += (_, request) =>
        {
            if (IsOurs(request.Url) && !(request.IsNavigationRequest && request.Failure == "net::ERR_ABORTED"))
            {
                _problems.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        _page.Response += (_, response) =>
        {
            if (IsOurs(response.Url) && response.Status >= 400 && !IsExpected(response.Url, response.Status))
            {
                _problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Opens <paramref name="path"/>, expects <paramref name="status"/> for the document, then checks the page.</summary>
    protected async Task<IResponse> VisitAsync(string path, int status = 200)
    {
        if (status >= 400)
        {
            ExpectStatus(path, status);
        }

        var response = await Page.GotoAsync(path) ?? throw new ShouldAssertException($"No response for {path}");
        response.Status.ShouldBe(status, $"HTTP status of {path}");
        await CheckPageAsync();
        return response;
    }

    /// <summary>Declares that a document at this path (any query) answers with an error status on purpose.</summary>
    protected void ExpectStatus(string path, int status) => _expectedStatuses[new Uri(platform.BaseAddress, path).AbsolutePath] = status;

    /// <summary>The checks every page must pass: accessibility, a clean console, no failed request to our origin.</summary>
    protected async Task CheckPageAsync(AxeRunContext? axeScope = null, IReadOnlyCollection<string>? toleratedAxeRules = null)
    {
        await Page.WaitForLoadStateAsync(LoadState.Load);
        AssertNoProblems();
        await Accessibility.AssertAccessibleAsync(Page, axeScope, toleratedAxeRules);
        AssertNoProblems();
        // With PENTOSCANA_SHOTS set, every checked page is also kept as a picture, to look at the journeys afterwards.
        await ScreenshotAsync($"{GetType().Name}-{++checkedPages:000}-{new Uri(Page.Url).AbsolutePath.Trim('/').Replace('/', '_')}");
    }

    private int checkedPages;

    /// <summary>Signs in through real signed SAML (SPID button, demo IdP, persona) as the persona with this codice fiscale, then checks where it lands.</summary>
    protected async Task SignInAsync(string taxCode, string returnUrl)
    {
        await VisitAsync($"/accedi?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await ChooseDemoPersonaAsync(taxCode);
        await Page.WaitForURLAsync(new Uri(platform.BaseAddress, returnUrl).ToString());
        await CheckPageAsync();
    }

    /// <summary>On /accedi: opens the SPID chooser, picks the demo IdP, and on its page the persona; the signed response is posted to /spid/acs.</summary>
    protected async Task ChooseDemoPersonaAsync(string taxCode)
    {
        await Page.Locator("[data-spid-button]").ClickAsync();
        await Page.Locator("[data-idp='demo']").ClickAsync();
        await Page.Locator($"[data-persona='{taxCode}']").ClickAsync();
    }

    /// <summary>Saves a full-page screenshot when PENTOSCANA_SHOTS names a folder (for a human to look at).</summary>
    protected async Task ScreenshotAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("PENTOSCANA_SHOTS");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Fails if the console showed an error or a request to our origin failed since the page opened.</summary>
    protected void AssertNoProblems()
    {
        if (!_problems.IsEmpty)
        {
            throw new ShouldAssertException($"Problems while loading {Page.Url}:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", _problems));
        }
    }

    private bool IsOurs(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri)
           && uri.Scheme == platform.BaseAddress.Scheme && uri.Authority == platform.BaseAddress.Authority;

    private bool IsExpected(string url, int status)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && _expectedStatuses.TryGetValue(uri.AbsolutePath, out var expected) && expected == status;

    // Chromium reports a document's own error status on the console too ("url:line:column"); the test asserts that status itself.
    private bool IsExpectedStatusMessage(IConsoleMessage message)
    {
        var url = message.Location[..message.Location.LastIndexOf(':', message.Location.LastIndexOf(':') - 1)];
        return _expectedStatuses.Any(e => IsExpected(url, e.Value) && message.Text.Contains($"status of {e.Value}", StringComparison.Ordinal));
    }
}
