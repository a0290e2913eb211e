using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.RegisterDocument;
using PenToscana.Modules.Protocol.Integration;

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
        return builder;
    }

    public static WebApplication MapProtocol(this WebApplication app) => app;
}
