using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.InfoDesk.Features;

/// <summary>Body and office names and codes, read from the kernel's register of bodies.</summary>
internal sealed class Bodies(KernelDb kernel)
{
    public Task<Ente?> ByIpaAsync(string? ipa, CancellationToken ct)
        => string.IsNullOrWhiteSpace(ipa)
            ? Task.FromResult<Ente?>(null)
            : kernel.Enti.AsNoTracking().FirstOrDefaultAsync(e => e.IpaCode == ipa, ct);

    public Task<Ente?> ByIdAsync(Guid id, CancellationToken ct) => kernel.Enti.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<Dictionary<Guid, Ente>> AllAsync(CancellationToken ct)
        => await kernel.Enti.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);

    public async Task<Dictionary<Guid, Office>> OfficesAsync(CancellationToken ct)
        => await kernel.Offices.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(o => o.Id, ct);

    public Task<List<Office>> OfficesOfAsync(Guid enteId, CancellationToken ct)
        => kernel.Offices.IgnoreQueryFilters().AsNoTracking().Where(o => o.EnteId == enteId).OrderBy(o => o.Name).ToListAsync(ct);
}
