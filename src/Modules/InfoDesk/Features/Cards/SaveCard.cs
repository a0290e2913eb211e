using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;

namespace PenToscana.Modules.InfoDesk.Features.Cards;

internal sealed record CardInput(
    string? Title, string? Body, string? Audience, string? WhereWhenHow, string? Documents, string? Costs, string? Links, string? Tags,
    DateOnly? ValidFrom, DateOnly? ValidTo, DateOnly? ReviewBy, bool Published);

/// <summary>Creates or updates a body's information card; every save is kept as a numbered revision.</summary>
internal sealed class SaveCardHandler(InfoDeskDb db, ICurrentUser user, TimeProvider time)
{
    public async Task<Result<InfoCard>> HandleAsync(Guid enteId, Guid? id, CardInput input, long? expectedVersion, CancellationToken ct)
    {
        var title = input.Title?.Trim();
        var body = input.Body?.Trim();
        if (string.IsNullOrEmpty(title) || string.IsNullOrEmpty(body))
        {
            return new Error("campi_mancanti", "Titolo e testo della scheda sono obbligatori.");
        }

        if (input.ValidFrom is { } from && input.ValidTo is { } to && to < from)
        {
            return new Error("date_non_valide", "La fine della validità precede l'inizio.");
        }

        var now = time.GetUtcNow();
        InfoCard? card;
        if (id is { } existing)
        {
            card = await db.Cards.FirstOrDefaultAsync(c => c.Id == existing && c.EnteId == enteId, ct);
            if (card is null)
            {
                return new Error("non_trovata", "Scheda non trovata.");
            }

            if (expectedVersion is { } v && v != card.Version)
            {
                return new Error("modificata", "La scheda è stata modificata da un altro redattore: ricaricare la pagina.");
            }
        }
        else
        {
            card = new InfoCard { Id = Guid.CreateVersion7(now), EnteId = enteId, Title = title, Body = body, SearchText = "" };
            db.Cards.Add(card);
        }

        card.Title = title;
        card.Body = body;
        card.Audience = Clean(input.Audience);
        card.WhereWhenHow = Clean(input.WhereWhenHow);
        card.Documents = Clean(input.Documents);
        card.Costs = Clean(input.Costs);
        card.Links = Clean(input.Links);
        card.Tags = Clean(input.Tags);
        card.ValidFrom = input.ValidFrom;
        card.ValidTo = input.ValidTo;
        card.ReviewBy = input.ReviewBy ?? DateOnly.FromDateTime(now.UtcDateTime).AddMonths(12);
        card.Published = input.Published;
        card.Revision++;
        card.UpdatedAt = now;
        card.UpdatedBy = user.TaxCode;
        card.SearchText = CardText.Index(title, card.Tags, card.Audience, body);
        db.CardRevisions.Add(new InfoCardRevision
        {
            Id = Guid.CreateVersion7(now),
            CardId = card.Id,
            Number = card.Revision,
            Snapshot = JsonSerializer.Serialize(input),
            By = user.TaxCode,
            At = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("modificata", "La scheda è stata modificata da un altro redattore: ricaricare la pagina.");
        }

        return card;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
