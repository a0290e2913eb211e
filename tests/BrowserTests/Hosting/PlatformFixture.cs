using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

[assembly: AssemblyFixture(typeof(PlatformFixture))]

namespace PenToscana.BrowserTests.Hosting;

/// <summary>
/// One running application and one headless Chromium for the whole test assembly; each test opens its own
/// <see cref="IBrowserContext"/> (cookies, storage and viewport are never shared between tests).
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    // Debian's chromium: the suite never downloads a browser.
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "pentoscana-browser-" + Guid.NewGuid().ToString("N"));
    private PlatformFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Headless Chromium not found at {ChromiumPath}: install Debian's 'chromium' package (test.sh does).");
        }

        Directory.CreateDirectory(_dataRoot);
        _factory = new PlatformFactory(_dataRoot);
        // StartServer runs Program to the point of listening (migrations and demo seed included): keep it off the test thread.
        BaseAddress = await Task.Run(_factory.Start);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not turn a green run red; the folder is under the temp path.
        }
    }
}
