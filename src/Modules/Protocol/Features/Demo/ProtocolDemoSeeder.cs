using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Documents;

namespace PenToscana.Modules.Protocol.Features.Demo;

/// <summary>Embedded mode: a titolario for each demo body and a few registered entries, so the register is not empty.</summary>
internal sealed class ProtocolDemoSeeder(ProtocolDb db, KernelDb kernel, IBlobStore blobs, IProtocolApi protocol, TimeProvider time) : IDemoSeeder
{
    public int Order => 40;

    /// <summary>The titolario of the municipalities (ANCI 2005), first level and a few classes; other bodies get a short one.</summary>
    private static readonly (string Code, string Title)[] Municipal =
    [
        ("1", "Amministrazione generale"), ("1.1", "Legislazione e circolari esplicative"), ("1.6", "Attività informativa e partecipativa, URP"),
        ("2", "Organi di governo, gestione, controllo, consulenza e garanzia"), ("3", "Risorse umane"), ("4", "Risorse finanziarie e patrimonio"),
        ("4.3", "Gestione delle entrate: tributi"), ("5", "Affari legali"), ("6", "Pianificazione e gestione del territorio"), ("6.3", "Edilizia privata"),
        ("6.9", "Ambiente: autorizzazioni, monitoraggio e controllo"), ("7", "Servizi alla persona"), ("7.1", "Diritto allo studio e servizi"),
        ("8", "Attività economiche"), ("8.4", "Commercio"), ("9", "Polizia locale e sicurezza pubblica"), ("10", "Tutela della salute"),
        ("11", "Servizi demografici"), ("12", "Elezioni e iniziative popolari"), ("13", "Affari militari"), ("14", "Oggetti diversi"),
    ];

    private static readonly (string Code, string Title)[] Other =
    [
        ("1", "Amministrazione generale"), ("1.1", "Normativa e atti generali"), ("1.2", "Relazioni con il pubblico"), ("2", "Organi istituzionali"),
        ("3", "Personale"), ("4", "Bilancio, tributi e patrimonio"), ("5", "Contratti e appalti"), ("6", "Servizi e prestazioni"), ("6.1", "Esenzioni e agevolazioni"),
        ("7", "Controlli e vigilanza"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        string[] demo = [DemoBodiesSeeder.Regione, DemoBodiesSeeder.Firenze, DemoBodiesSeeder.Prato, DemoBodiesSeeder.UslCentro];
        var bodies = await kernel.Enti.AsNoTracking().Where(e => demo.Contains(e.IpaCode)).ToListAsync(cancellationToken);
        foreach (var body in bodies)
        {
            if (!await db.Classification.IgnoreQueryFilters().AnyAsync(c => c.EnteId == body.Id, cancellationToken))
            {
                foreach (var (code, title) in body.Kind == EnteKind.Comune ? Municipal : Other)
                {
                    db.Classification.Add(new ClassificationNode { Id = Guid.CreateVersion7(time.GetUtcNow()), EnteId = body.Id, Code = code, Title = title });
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            var samples = new (ProtocolDirection Direction, string Subject, ProtocolCorrespondent Who, string Channel, string Classification)[]
            {
                (ProtocolDirection.Incoming, "Richiesta di accesso agli atti relativi alla pratica edilizia n. 245/2025",
                    new("Mario Rossi") { TaxCode = "RSSMRA80A01D612Y", DigitalAddress = "mario.rossi@example.it" }, ProtocolChannels.Pec, "1.6"),
                (ProtocolDirection.Incoming, "Trasmissione preventivo per manutenzione impianti",
                    new("Verdi Costruzioni S.r.l.") { TaxCode = "01234567897", DigitalAddress = "verdicostruzioni@pec.example.it" }, ProtocolChannels.Pec, "4"),
                (ProtocolDirection.Outgoing, "Comunicazione di avvio del procedimento (art. 7 L. 241/1990)",
                    new("Mario Rossi") { TaxCode = "RSSMRA80A01D612Y", DigitalAddress = "mario.rossi@example.it" }, ProtocolChannels.Pec, "1"),
            };
            for (int i = 0; i < samples.Length; i++)
            {
                var s = samples[i];
                using var pdf = new PdfText(s.Subject);
                pdf.Title(body.Name);
                pdf.Paragraph(s.Subject);
                pdf.Paragraph("Documento dimostrativo.");
                var blob = await blobs.PutAsync(new MemoryStream(pdf.ToBytes()), cancellationToken: cancellationToken);
                await protocol.RegisterAsync(new ProtocolRequest(body.IpaCode, s.Direction, s.Subject, [s.Who],
                    new ProtocolDocument($"documento-{i + 1}.pdf", FileSignature.Pdf, blob.Sha256, blob.Length), s.Channel, $"demo:{body.IpaCode}:{i}")
                {
                    Classification = s.Classification,
                    OfficeCodes = ["URP"],
                }, cancellationToken);
            }
        }
    }
}
