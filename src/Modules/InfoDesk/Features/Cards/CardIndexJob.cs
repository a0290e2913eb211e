using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.InfoDesk.Data;

namespace PenToscana.Modules.InfoDesk.Features.Cards;

/// <summary>
/// Indexes again the cards whose search text was written by older rules (without <see cref="CardText.Mark"/>), e.g. after an
/// upgrade: a few hundred at a time, so that search finds them by stem as it finds new ones.
/// </summary>
internal sealed class CardIndexJob(InfoDeskDb db) : IScheduledJob
{
    public const string JobName = "infodesk-card-index";

    public string Name => JobName;

    public string Description => "Schede informative: aggiornamento dell'indice di ricerca delle schede scritte con regole precedenti";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromMinutes(10));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var cards = await db.Cards.IgnoreQueryFilters().Where(c => !c.SearchText.StartsWith(CardText.Mark)).OrderBy(c => c.Id).Take(200).ToListAsync(cancellationToken);
            if (cards.Count == 0)
            {
                return;
            }

            foreach (var card in cards)
            {
                card.SearchText = CardText.Index(card.Title, card.Tags, card.Audience, card.Body);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
