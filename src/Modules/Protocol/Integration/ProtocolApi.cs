using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.RegisterDocument;

namespace PenToscana.Modules.Protocol.Integration;

/// <summary>The register as other modules see it; it goes through the same handler as the operator pages and the API.</summary>
internal sealed class ProtocolApi(RegisterDocumentHandler register, ProtocolDb db) : IProtocolApi
{
    public async Task<ProtocolOutcome> RegisterAsync(ProtocolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.SourceKey))
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, "La chiave della registrazione (SourceKey) è obbligatoria: rende sicura la ripetizione della chiamata.");
        }

        return await register.HandleAsync(request, cancellationToken);
    }

    public async Task<ProtocolEntryInfo?> FindAsync(string enteIpa, int year, long number, CancellationToken cancellationToken = default)
    {
        // A body with several AOOs has one register each: the oldest registration with that number answers.
        var entry = await db.Entries.IgnoreQueryFilters().AsNoTracking()
            .Include(e => e.Correspondents)
            .Include(e => e.Documents)
            .Where(e => e.EnteIpa == enteIpa && e.Year == year && e.Number == number)
            .OrderBy(e => e.RegisteredAt)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : ToInfo(entry);
    }

    public async Task<ProtocolEntryInfo?> FindByIdAsync(Guid entryId, CancellationToken cancellationToken = default)
    {
        var entry = await db.Entries.IgnoreQueryFilters().AsNoTracking()
            .Include(e => e.Correspondents)
            .Include(e => e.Documents)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
        return entry is null ? null : ToInfo(entry);
    }

    public async Task<IReadOnlyList<ProtocolEntryInfo>> ListOutgoingToAsync(string correspondentTaxCode, int take, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correspondentTaxCode);
        var taxCode = correspondentTaxCode.Trim().ToUpperInvariant();
        // Every body's register: the recipient reads what was sent to them, whichever body sent it.
        var entries = await db.Entries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Direction == ProtocolDirection.Outgoing && e.AnnulledAt == null && e.Correspondents.Any(c => c.TaxCode == taxCode))
            .OrderByDescending(e => e.RegisteredAt)
            .Take(Math.Clamp(take, 1, 500))
            .Include(e => e.Correspondents)
            .Include(e => e.Documents)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return entries.Select(ToInfo).ToList();
    }

    internal static ProtocolEntryInfo ToInfo(ProtocolEntry entry)
    {
        var documents = entry.Documents.OrderBy(d => d.Position).Select(d => new ProtocolDocument(d.FileName, d.MediaType, d.Sha256, d.Length)).ToList();
        return new ProtocolEntryInfo(
            RegistrationQueue.ToRegistration(entry),
            entry.Direction,
            entry.Subject,
            entry.Correspondents.OrderBy(c => c.Position).Select(c => new ProtocolCorrespondent(c.Name)
            {
                TaxCode = c.TaxCode,
                IpaCode = c.IpaCode,
                DigitalAddress = c.DigitalAddress,
                PostalAddress = c.PostalAddress,
            }).ToList(),
            documents[0],
            documents.Skip(1).ToList(),
            entry.IsAnnulled);
    }
}
