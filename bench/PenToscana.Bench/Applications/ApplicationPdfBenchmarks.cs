using BenchmarkDotNet.Attributes;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Demo;
using PenToscana.Modules.Applications.Documents;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Bench.Applications;

/// <summary>
/// The PDF of a submitted nursery application (the protocol's primary document), rendered on every submission. Run:
/// <c>dotnet run -c Release --project bench/PenToscana.Bench -- --filter '*ApplicationPdf*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ApplicationPdfBenchmarks
{
    private Submission _submission = null!;
    private FormDefinition _form = null!;
    private Dictionary<string, string> _data = [];
    private List<StoredFile> _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _form = DemoServices.NurseryForm();
        var fileId = Guid.NewGuid();
        _data = new Dictionary<string, string>
        {
            ["nome"] = "Mario", ["cognome"] = "Rossi", ["codiceFiscale"] = "RSSMRA80A01D612Y", ["email"] = "mario.rossi@example.it",
            ["telefono"] = "+39 055 1234567", ["indirizzo"] = "Via dei Servi 12, 50122 Firenze", ["bambinoNome"] = "Giulia",
            ["bambinoCognome"] = "Rossi", ["bambinoCodiceFiscale"] = "RSSGLI25A41D612X", ["bambinoNascita"] = "2025-01-01", ["disabilita"] = "si",
            ["certificazione"] = fileId.ToString(), ["altroGenitore.count"] = "1", ["altroGenitore[0].nome"] = "Anna",
            ["altroGenitore[0].cognome"] = "Bianchi", ["altroGenitore[0].codiceFiscale"] = "BNCNNA82C41D612K", ["isee"] = "18500.00",
            ["iseeProtocollo"] = "INPS-ISEE-2026-000012345-00", ["nidi.count"] = "2", ["nidi[0].nido"] = "Nido Il Girasole",
            ["nidi[1].nido"] = "Nido La Coccinella", ["orario"] = "Tempo lungo (7:30-17:30)",
        };
        _files =
        [
            new StoredFile
            {
                Id = fileId, OwnerTaxCode = "RSSMRA80A01D612Y", Kind = "campo", FileName = "certificazione.pdf", MediaType = "application/pdf",
                Sha256 = new string('a', 64), Length = 200 * 1024, UploadedAt = DateTimeOffset.UtcNow,
            },
        ];
        _submission = new Submission
        {
            Id = Guid.NewGuid(), EnteIpa = "c_d612", EnteName = "Comune di Firenze", ServiceTitle = "Iscrizione al nido d'infanzia",
            Reference = "AP-ABCDEFGH", ApplicantTaxCode = "RSSMRA80A01D612Y", ApplicantName = "Mario Rossi", DataJson = "{}",
            DataSha256 = new string('b', 64), PdfSha256 = "", SubmittedAt = DateTimeOffset.UtcNow, OfficeCode = "UFF", OfficeName = "Ufficio",
            ResponsibleOfficial = "Dott.ssa Responsabile",
        };
    }

    [Benchmark]
    public int NurseryApplicationPdf() => ApplicationDocuments.ApplicationPdf(_submission, _form, _data, _files).Length;
}
