using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Serilog;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Web;

namespace PenToscana.Web.Hosting;

/// <summary>Cross-cutting host wiring: logging, telemetry, errors, security headers, limits, health, OpenAPI, pages.</summary>
internal static class PlatformHost
{
    public const string LoginRateLimit = "login";
    public const string PublicPostRateLimit = "public-post";

    public static WebApplicationBuilder AddPlatformHost(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Host.UseSerilog((context, logger) => logger
            .ReadFrom.Configuration(context.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("PenToscana"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource("PenToscana"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter("PenToscana"));
        if (configuration.GetValue("Telemetry:ConsoleExporter", false))
        {
            telemetry.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
        }

        // Italian text stays readable in the HTML (à, è, ò) instead of becoming numeric entities.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", PenToscana.Modules.Identity.IdentityModule.OperatorPolicy);
            o.Conventions.AuthorizeFolder("/AreaPersonale");
            o.Conventions.AllowAnonymousToFolder("/Dev");
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pentoscana.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "PenToscana API";
            doc.Info.Description = "API della piattaforma PenToscana per gli enti pubblici toscani e gli integratori.";
            doc.Info.Version = "v1";
            return Task.CompletedTask;
        }));

        long maxBody = configuration.GetValue("Limits:MaxRequestBodyBytes", 30L * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxBody;
            k.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxBody);

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = configuration.GetValue("RateLimits:LoginPerMinute", 20), Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(PublicPostRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = configuration.GetValue("RateLimits:PublicPostPerMinute", 60), Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Troppe richieste: riprovare tra un minuto.", ct);
            };
        });

        services.AddOutputCache(); // no default policy: a module opts endpoints in with its own (InfoDesk's public lists)
        services.AddResponseCompression(o =>
        {
            // Used only on endpoints marked [CompressedResponse] (public answers without secrets), so HTTPS is safe here.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/geo+json", "application/xml", "text/xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"]);

        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("it-IT");
            o.SupportedCultures = [new CultureInfo("it-IT")];
            o.SupportedUICultures = [new CultureInfo("it-IT")];
        });
        services.AddScoped<PenToscana.Web.Pages.Admin.AdminBodies>();
        services.AddSingleton(MapTiles.From(configuration));
        services.AddSingleton<StorageOptions>(_ => new StorageOptions(Path.GetFullPath(configuration["Storage:DataPath"] ?? "data")));
        return builder;
    }

    public static WebApplication UsePlatformHost(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders(app.Services.GetRequiredService<MapTiles>());
        // APIs answer errors with ProblemDetails (RFC 9457); people get the Italian error page.
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages
            .UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/errore",
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            })
            .UseStatusCodePagesWithReExecute("/errore", "?codice={0}"));
        long maxBody = app.Configuration.GetValue("Limits:MaxRequestBodyBytes", 30L * 1024 * 1024);
        app.Use((context, next) =>
        {
            // Refuse a declared oversize body before reading it; Kestrel's own limit covers bodies without a length.
            if (context.Request.ContentLength > maxBody && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseSerilogRequestLogging();
        app.MapStaticAssets();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseBodyScope();
        app.UseOutputCache(); // only endpoints that ask for it (the public report lists), after authentication so it can skip signed-in people
        // Inside the output cache, so that a compressed answer is kept compressed (one entry per Accept-Encoding).
        app.UseWhen(c => c.GetEndpoint()?.Metadata.GetMetadata<CompressedResponseAttribute>() is not null, compressed => compressed.UseResponseCompression());
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o
            .WithTitle("PenToscana API")
            .WithNonce()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }

    private static bool IsApi(HttpContext context)
        => context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");

    public static WebApplication MapPlatformPages(this WebApplication app)
    {
        app.MapRazorPages();
        PenToscana.Web.Api.EntiApi.Map(app);
        return app;
    }
}

/// <summary>Where the embedded mode keeps its files (database, blobs, mail pickup).</summary>
internal sealed record StorageOptions(string DataPath);

/// <summary>Readiness: can every module database be reached now?</summary>
internal sealed class DatabaseHealthCheck(KernelDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Database non raggiungibile");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Database non raggiungibile", ex);
        }
    }
}
