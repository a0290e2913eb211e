using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.DataProtection;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Mail;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Kernel;

public static class KernelModule
{
    /// <summary>Platform plumbing every module relies on: data, tenancy, outbox, jobs, mail, audit.</summary>
    public static WebApplicationBuilder AddKernel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<BodyScope>();
        services.AddScoped<ICurrentUser, ClaimsCurrentUser>();
        services.AddModuleDb<KernelDb>("kernel_");
        services.AddBlobStore(configuration);
        // Keys in the database: every node decrypts every node's cookies, and restarts keep sessions.
        services.AddDataProtection().SetApplicationName("PenToscana").PersistKeysToDbContext<KernelDb>();

        services.AddSingleton<AuditLog>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService<JobRunnerService>();
        services.AddScheduledJob<AuditChainCheckJob>("audit-verify");
        services.AddScheduledJob<OutboxCleanupJob>("outbox-cleanup");
        services.AddScheduledJob<BlobTempCleanupJob>("blob-temp-cleanup");

        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupFolderMailTransport>();
        services.AddSingleton<IMailTransport>(sp =>
            string.Equals(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.Mode, "smtp", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<SmtpMailTransport>()
                : sp.GetRequiredService<PickupFolderMailTransport>());
        services.AddIntegrationEventHandler<SendMail, MailDeliveryHandler>();
        services.AddScoped<PenToscana.Kernel.Modules.IDemoSeeder, DemoBodiesSeeder>();
        services.AddSingleton<BodySeals>();
        services.AddHealthChecks().AddCheck<BodySealsHealthCheck>("seals", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, ["ready", "seals"]);
        return builder;
    }

    public static WebApplication MapKernel(this WebApplication app) => app;
}
