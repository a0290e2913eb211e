using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PenToscana.BrowserTests.Hosting;

/// <summary>
/// The real application, configured like a fresh embedded installation: Development, a new SQLite file,
/// demo bodies and personas seeded by the app's own start-up (Program runs <c>DatabaseStartup.PrepareAsync</c>).
/// </summary>
internal sealed class PlatformFactory(string dataRoot) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");

        // Host settings reach Program as command-line arguments, so they are visible while the builder
        // registers the modules (the database provider is read there).
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(dataRoot, "db.sqlite")}");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Storage:DataPath", dataRoot);
        builder.UseSetting("Mail:Mode", "pickup");
        builder.UseSetting("Mail:PickupFolder", Path.Combine(dataRoot, "mail"));
        builder.UseSetting("Blobs:Root", Path.Combine(dataRoot, "blobs"));
        builder.UseSetting("Demo:Seed", "true");
        // No outside tile server: the browser would wait on the network for the maps' backgrounds.
        builder.UseSetting("Maps:TileUrl", "");
        builder.UseSetting("Identity:DemoSignIn", "true");
        // A sign-in now crosses several rate-limited steps (login page, AuthnRequest, ACS); the journeys sign in many times a minute.
        builder.UseSetting("RateLimits:LoginPerMinute", "1000");
        builder.UseSetting("Outbox:PollMilliseconds", "200");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    /// <summary>Starts Kestrel on a free loopback port and returns its address.</summary>
    public Uri Start()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        var address = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new Uri(address);
    }
}
