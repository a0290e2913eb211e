using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Identity.Oidc;

/// <summary>The demo API clients have a public secret: a production start on a database that holds them must fail.</summary>
public sealed class ProductionDemoClientsTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public void Production_refuses_to_start_while_the_demo_clients_are_in_the_database()
    {
        _ = platform.Services; // the development start has seeded demo-{ipa}
        using var production = new ProductionFactory(platform.Database);

        var failure = Should.Throw<Exception>(() => production.Services);

        failure.ToString().ShouldContain("client OIDC dimostrativi");
    }

    private sealed class ProductionFactory(TestDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            string signing = Certificate(Path.Combine(database.Folder, "prod-signing.pfx"));
            string encryption = Certificate(Path.Combine(database.Folder, "prod-encryption.pfx"));
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["Database:Provider"] = database.Provider,
                ["Database:ConnectionString"] = database.ConnectionString,
                ["Database:MigrateOnStart"] = "false",
                ["Demo:Seed"] = "false",
                ["Identity:DemoSignIn"] = "false",
                ["Identity:Oidc:SigningCertificate:Path"] = signing,
                ["Identity:Oidc:SigningCertificate:Password"] = "prova",
                ["Identity:Oidc:EncryptionCertificate:Path"] = encryption,
                ["Identity:Oidc:EncryptionCertificate:Password"] = "prova",
                ["Storage:DataPath"] = database.Folder,
                ["Blobs:Root"] = Path.Combine(database.Folder, "blobs"),
                ["Mail:Mode"] = "pickup",
                ["Mail:PickupFolder"] = Path.Combine(database.Folder, "mail"),
                ["Serilog:MinimumLevel:Default"] = "Fatal",
            })
            {
                builder.UseSetting(key, value);
            }
        }

        private static string Certificate(string file)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=prova", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx, "prova"));
            return file;
        }
    }
}
