using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.Modules.Applications.Features.Catalogue;

/// <summary>Lists a body's published services on its page, through the kernel's online-services hook.</summary>
internal sealed class ServiceLinks(ApplicationsDb db) : IOnlineServiceSource
{
    public async Task<IReadOnlyList<OnlineServiceLink>> ListAsync(Ente ente, CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking().Where(s => s.EnteId == ente.Id && s.Published)
            .OrderBy(s => s.Category).ThenBy(s => s.Title).ToListAsync(cancellationToken);
        return services.Select(s => new OnlineServiceLink(s.Title, s.Summary, $"/enti/{ente.IpaCode}/servizi/{s.Slug}", s.Category)).ToList();
    }
}

/// <summary>Reads the public catalogue of one body.</summary>
internal sealed class CatalogueReader(ApplicationsDb db)
{
    public Task<List<Service>> ListAsync(Guid enteId, CancellationToken ct)
        => db.Services.AsNoTracking().Where(s => s.EnteId == enteId && s.Published).OrderBy(s => s.Category).ThenBy(s => s.Title).ToListAsync(ct);

    public Task<Service?> FindAsync(Guid enteId, string slug, CancellationToken ct)
        => db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.EnteId == enteId && s.Slug == slug && s.Published, ct);

    public Task<FormVersion?> CurrentFormAsync(Guid serviceId, CancellationToken ct)
        => db.FormVersions.AsNoTracking().Where(f => f.ServiceId == serviceId && f.PublishedAt != null).OrderByDescending(f => f.Number).FirstOrDefaultAsync(ct);
}
