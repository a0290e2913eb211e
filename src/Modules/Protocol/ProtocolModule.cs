using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.RegisterDocument;
using PenToscana.Modules.Protocol.Integration;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Protocol.Features.AnnulEntry;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.Protocol.Features.ProduceDailyRegister;
using PenToscana.Modules.Protocol.Features.Api;
using PenToscana.Modules.Protocol.Features.ChangeEntry;
using PenToscana.Modules.Protocol.Features.SearchEntries;
using PenToscana.Modules.Protocol.Features.Segnatura;

namespace PenToscana.Modules.Protocol;

public static class ProtocolModule
{
    /// <summary>Protocollo informatico: registers per AOO, gap-free numbering, segnatura, receipts, daily register.</summary>
    public static WebApplicationBuilder AddProtocol(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddModuleDb<ProtocolDb>(ProtocolDb.Prefix);
        services.AddSingleton<RegistrationQueue>();
        services.AddSingleton<RegisterDirectory>();
        services.AddScoped<RegisterDocumentHandler>();
        services.AddScoped<IProtocolApi, ProtocolApi>();
        services.AddScoped<AnnulEntryHandler>();
        services.AddScoped<ChangeEntryHandler>();
        services.AddScoped<SearchEntriesHandler>();
        services.AddSingleton<CommonWords>();
        services.AddScoped<Features.Emergency.EmergencyRegisterHandler>();
        services.AddScoped<ProtocolAccess>();
        services.AddScoped<Kernel.Modules.IDemoSeeder, Features.Demo.ProtocolDemoSeeder>();
        services.AddScheduledJob<DailyRegisterJob>("protocol-daily-register");
        services.AddSingleton<SegnaturaWriter>();
        services.AddApiScope(ProtocolAccess.ScopeName, "Protocollo informatico: registrazione e consultazione", "/api/protocol");
        services.AddAuthorizationBuilder()
            .AddPolicy(ProtocolEndpoints.Policy, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.HasClaim(c => c.Type == PlatformClaims.BodyRole)
                || (ctx.User.HasClaim(c => c.Type == ApiClientClaims.Body) && ProtocolAccess.HasScope(ctx.User))));
        return builder;
    }

    public static WebApplication MapProtocol(this WebApplication app)
    {
        ProtocolEndpoints.Map(app);
        return app;
    }
}
