using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;

namespace PenToscana.Kernel.Tenancy;

/// <summary>The demo bodies of the embedded mode, with their AOOs and offices.</summary>
public sealed class DemoBodiesSeeder(KernelDb db, TimeProvider time) : IDemoSeeder
{
    public const string Regione = "r_toscan";
    public const string Firenze = "c_d612";
    public const string Prato = "c_g999";
    public const string UslCentro = "usl_tc";

    public int Order => 0;

    private sealed record DemoBody(string Ipa, string TaxCode, string Name, EnteKind Kind, int? PatronMonth, int? PatronDay, string Website, string Pec,
        (string Code, string Name)[] Aoos, (string Code, string Name, string Email)[] Offices);

    private static readonly DemoBody[] Bodies =
    [
        new(Regione, "01386030488", "Regione Toscana", EnteKind.Regione, null, null, "https://www.regione.toscana.it", "regionetoscana@postacert.toscana.it",
            [("AOOGRT", "Giunta Regionale Toscana")],
            [("URP", "Ufficio Relazioni con il Pubblico", "urp@regione.toscana.it"),
             ("TRIB", "Settore Tributi regionali", "tributi@regione.toscana.it"),
             ("AGRI", "Settore Agricoltura", "agricoltura@regione.toscana.it")]),
        new(Firenze, "01307110484", "Comune di Firenze", EnteKind.Comune, 6, 24, "https://www.comune.fi.it", "protocollo@pec.comune.fi.it",
            [("AOO_CFI", "Comune di Firenze - AOO unica")],
            [("URP", "URP - Ufficio Relazioni con il Pubblico", "urp@comune.fi.it"),
             ("SUAP", "Sportello Unico Attività Produttive", "suap@comune.fi.it"),
             ("TRIB", "Direzione Risorse Finanziarie - Tributi", "tributi@comune.fi.it"),
             ("AMB", "Direzione Ambiente", "ambiente@comune.fi.it")]),
        new(Prato, "84006890481", "Comune di Prato", EnteKind.Comune, 12, 26, "https://www.comune.prato.it", "comune.prato@postacert.toscana.it",
            [("AOO_CPO", "Comune di Prato")],
            [("URP", "URP Multiente", "urp@comune.prato.it"),
             ("EDIL", "Servizio Edilizia privata", "edilizia@comune.prato.it"),
             ("SCUO", "Servizi educativi", "scuola@comune.prato.it")]),
        new(UslCentro, "06593810481", "Azienda USL Toscana Centro", EnteKind.Asl, null, null, "https://www.uslcentro.toscana.it", "direzione.uslcentro@postacert.toscana.it",
            [("AOO_USLTC", "Azienda USL Toscana Centro")],
            [("URP", "Ufficio Relazioni con il Pubblico", "urp@uslcentro.toscana.it"),
             ("CUP", "Centro Unico Prenotazioni", "cup@uslcentro.toscana.it"),
             ("TICK", "Ufficio Ticket ed esenzioni", "esenzioni@uslcentro.toscana.it")]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Enti.Select(e => e.IpaCode).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var body in Bodies.Where(b => !existing.Contains(b.Ipa)))
        {
            var ente = new Ente
            {
                Id = Guid.CreateVersion7(now),
                IpaCode = body.Ipa,
                TaxCode = body.TaxCode,
                Name = body.Name,
                Kind = body.Kind,
                PatronMonth = body.PatronMonth,
                PatronDay = body.PatronDay,
                Website = body.Website,
                Pec = body.Pec,
                CreatedAt = now,
            };
            foreach (var (code, name) in body.Aoos)
            {
                ente.Aoos.Add(new Aoo { Id = Guid.CreateVersion7(now), EnteId = ente.Id, Code = code, Name = name });
            }

            var aooId = ente.Aoos[0].Id;
            foreach (var (code, name, email) in body.Offices)
            {
                ente.Offices.Add(new Office { Id = Guid.CreateVersion7(now), EnteId = ente.Id, AooId = aooId, Code = code, Name = name, Email = email });
            }

            db.Enti.Add(ente);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
