using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.Modules.Applications.Features.Communications;

/// <summary>One communication of the personal area: an outgoing protocol entry of any body addressed to the person.</summary>
internal sealed record Communication(
    Guid EntryId, string EnteIpa, string EnteName, DateTimeOffset RegisteredAt, string ProtocolNumber, string Subject, string DocumentName, bool Read)
{
    public string DocumentUrl => $"/area-personale/comunicazioni/{EntryId}/documento";
}

/// <summary>
/// The communications received (decisions, integration requests, pre-rejection notices, answers of the information desks...):
/// read from the protocol registers of every body through <see cref="IProtocolApi"/>, so any module's outgoing registrations
/// addressed to the person appear, not only those of applications. Read marks are kept here, per person.
/// </summary>
internal sealed class CommunicationsReader(IServiceProvider services, KernelDb kernel, ApplicationsDb db, ICurrentUser user, TimeProvider time)
{
    public const int PageSize = 200;

    public async Task<IReadOnlyList<Communication>> ListAsync(CancellationToken ct)
    {
        if (user.TaxCode is not { } taxCode || services.GetService<IProtocolApi>() is not { } protocol)
        {
            return [];
        }

        var entries = await protocol.ListOutgoingToAsync(taxCode, PageSize, ct);
        var ipas = entries.Select(e => e.Registration.EnteIpa).Distinct().ToList();
        var names = await kernel.Enti.AsNoTracking().Where(e => ipas.Contains(e.IpaCode)).ToDictionaryAsync(e => e.IpaCode, e => e.Name, ct);
        var ids = entries.Select(e => e.Registration.EntryId).ToList();
        var read = (await db.CommunicationReads.AsNoTracking().Where(r => r.TaxCode == taxCode && ids.Contains(r.ProtocolEntryId))
            .Select(r => r.ProtocolEntryId).ToListAsync(ct)).ToHashSet();
        return entries.Select(e => new Communication(
            e.Registration.EntryId, e.Registration.EnteIpa, names.GetValueOrDefault(e.Registration.EnteIpa, e.Registration.EnteIpa), e.Registration.RegisteredAt,
            e.Registration.Formatted, e.Subject, e.Document.FileName, read.Contains(e.Registration.EntryId))).ToList();
    }

    /// <summary>The entry when it is an outgoing, valid registration addressed to the signed-in person; null otherwise.</summary>
    public async Task<ProtocolEntryInfo?> MineAsync(Guid entryId, CancellationToken ct)
    {
        if (user.TaxCode is not { } taxCode || services.GetService<IProtocolApi>() is not { } protocol)
        {
            return null;
        }

        var entry = await protocol.FindByIdAsync(entryId, ct);
        return entry is { Direction: ProtocolDirection.Outgoing, Annulled: false }
            && entry.Correspondents.Any(c => string.Equals(c.TaxCode, taxCode, StringComparison.OrdinalIgnoreCase))
            ? entry
            : null;
    }

    /// <summary>Marks a communication as read (once); the caller has checked it is the person's.</summary>
    public async Task MarkReadAsync(Guid entryId, CancellationToken ct)
    {
        var taxCode = user.TaxCode!;
        if (await db.CommunicationReads.AnyAsync(r => r.TaxCode == taxCode && r.ProtocolEntryId == entryId, ct))
        {
            return;
        }

        db.CommunicationReads.Add(new CommunicationRead { Id = Guid.CreateVersion7(time.GetUtcNow()), TaxCode = taxCode, ProtocolEntryId = entryId, ReadAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Opened twice at the same moment: the first mark stands.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>How many communications the person has not opened yet (for the personal area's home).</summary>
    public async Task<int> UnreadCountAsync(CancellationToken ct) => (await ListAsync(ct)).Count(c => !c.Read);
}

internal static class CommunicationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var area = app.MapGroup("/area-personale/comunicazioni/{entryId:guid}").RequireAuthorization().ExcludeFromDescription();

        // The primary document of the entry; opening it marks the communication as read.
        area.MapGet("/documento", async Task<IResult> (Guid entryId, CommunicationsReader reader, IBlobStore blobs, CancellationToken ct) =>
        {
            var entry = await reader.MineAsync(entryId, ct);
            if (entry is null)
            {
                return TypedResults.NotFound();
            }

            await reader.MarkReadAsync(entryId, ct);
            return TypedResults.Stream(await blobs.OpenReadAsync(entry.Document.Sha256, cancellationToken: ct), entry.Document.MediaType, entry.Document.FileName);
        });
    }
}
