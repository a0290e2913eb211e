using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace PenToscana.Bench.Applications;

/// <summary>
/// The built platform (PenToscana.Web) as a separate process on a fresh PostgreSQL database of the server named by TEST_PG,
/// migrated and seeded with the demo data at start; the database and the data folder are removed on dispose.
/// </summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    private readonly Process process;
    private readonly string adminConnection;
    private readonly string databaseName;
    private readonly string folder;
    private readonly System.Text.StringBuilder output = new();

    private BenchPlatform(Process process, Uri baseAddress, string connectionString, string adminConnection, string databaseName, string folder, CnsAuthority authority)
    {
        Authority = authority;
        this.process = process;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
        this.adminConnection = adminConnection;
        this.databaseName = databaseName;
        this.folder = folder;
    }

    public Uri BaseAddress { get; }

    /// <summary>The platform's process id, to read its CPU time.</summary>
    public int ProcessId => process.Id;

    /// <summary>The header a TLS-terminating proxy forwards the client certificate in (CNS sign-in).</summary>
    public const string CertificateHeader = "X-Client-Cert";

    /// <summary>A CNS certification authority the platform trusts: the virtual citizens sign in with certificates it issues.</summary>
    public CnsAuthority Authority { get; }

    /// <summary>The last lines the platform wrote (warnings and errors).</summary>
    public string OutputTail(int lines = 80)
    {
        lock (output)
        {
            var all = output.ToString().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
    }

    public string ConnectionString { get; }

    public static async Task<BenchPlatform> StartOnPostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable("TEST_PG") ?? throw new InvalidOperationException("TEST_PG is not set (a PostgreSQL connection string without Database).");
        var name = "ptbench_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "pentoscana-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var dll = WebAssemblyPath();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Storage:DataPath"] = folder,
            ["Blobs:Root"] = Path.Combine(folder, "blobs"),
            ["Mail:Mode"] = "pickup",
            ["Mail:PickupFolder"] = Path.Combine(folder, "mail"),
            ["RateLimits:LoginPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var authority = new CnsAuthority();
        var roots = Path.Combine(folder, "cns-roots.pem");
        await File.WriteAllTextAsync(roots, authority.Certificate.ExportCertificatePem());
        info.Environment["Identity__Cns__TrustedRootsFile"] = roots;
        info.Environment["Identity__Cns__RevocationMode"] = "NoCheck";
        info.Environment["Identity__Cns__ForwardedHeader"] = CertificateHeader;
        var platform = new BenchPlatform(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"), connectionString, admin, name, folder, authority);
        platform.process.OutputDataReceived += (_, e) => platform.Append(e.Data);
        platform.process.ErrorDataReceived += (_, e) => platform.Append(e.Data);
        platform.process.BeginOutputReadLine();
        platform.process.BeginErrorReadLine();
        await platform.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        return platform;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string WebAssemblyPath()
    {
        // The bench references the web project, so its build output sits beside ours in artifacts/bin.
        string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string configuration = Path.GetFileName(here);
        string artifactsBin = Path.GetDirectoryName(Path.GetDirectoryName(here))!;
        string path = Path.Combine(artifactsBin, "Web", configuration, "PenToscana.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the web project first (dotnet build src/Web -c Release)", path);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The platform exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The platform was not ready in {timeout}:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using (var c = new NpgsqlConnection(adminConnection))
        {
            await c.OpenAsync();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
                {
                    // An autovacuum worker, which a non-superuser may not terminate, is still on the database: it ends shortly.
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temp folder is cleaned by the system
        }
    }
}

/// <summary>A CNS-shaped certification authority: issues authentication certificates with the codice fiscale in CN and serialNumber.</summary>
internal sealed class CnsAuthority
{
    private readonly RSA key = RSA.Create(2048);

    public CnsAuthority()
    {
        var request = new CertificateRequest("CN=Certificatore CNS del banco di prova, O=PenToscana bench, C=IT", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Issue(string taxCode, string givenName, string surname)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("IT");
        name.Add("2.5.4.4", surname);
        name.Add("2.5.4.42", givenName);
        name.Add("2.5.4.5", "TINIT-" + taxCode, System.Formats.Asn1.UniversalTagNumber.PrintableString);
        name.AddCommonName(taxCode + "/7420091000049623.fbaXCm4bwKsHgkm8zqv0ZBOLeRY=");
        using var subjectKey = RSA.Create(2048);
        var request = new CertificateRequest(name.Build(), subjectKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var signer = X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);
        return request.Create(Certificate.SubjectName, signer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(12));
    }
}

/// <summary>
/// Cookies kept by hand: the platform sees the bench's requests as HTTPS (X-Forwarded-Proto from loopback, as behind a proxy) and
/// marks its cookies Secure, which a cookie container on an http:// address would never send back.
/// </summary>
internal sealed class CookieJar() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 4 })
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (cookies)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            lock (cookies)
            {
                foreach (var value in values)
                {
                    var pair = value.Split(';', 2)[0];
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        continue;
                    }

                    var (name, content) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                    if (content.Length == 0 || value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        cookies.Remove(name);
                    }
                    else
                    {
                        cookies[name] = content;
                    }
                }
            }
        }

        return response;
    }
}
