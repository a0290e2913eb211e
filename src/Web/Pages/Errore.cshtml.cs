using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PenToscana.Web.Pages;

/// <summary>The Italian error page people see for unhandled errors and error status codes.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErroreModel : PageModel
{
    public string Title { get; private set; } = "Si è verificato un errore";

    public string Message { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet(int? codice) => Describe(codice);

    public void OnPost(int? codice) => Describe(codice);

    private void Describe(int? codice)
    {
        int status = codice ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : 500);
        (Title, Message) = status switch
        {
            400 => ("Richiesta non valida", "La richiesta contiene dati non validi. Torna indietro e controlla i dati inseriti."),
            401 => ("Accesso richiesto", "Per vedere questa pagina devi accedere con SPID, CIE o CNS."),
            403 => ("Accesso non consentito", "Non hai i permessi necessari per vedere questa pagina."),
            404 => ("Pagina non trovata", "La pagina che cerchi non esiste o non è più disponibile."),
            413 => ("File troppo grande", "Il file o i dati inviati superano la dimensione massima consentita."),
            429 => ("Troppe richieste", "Hai inviato troppe richieste in poco tempo. Riprova tra un minuto."),
            503 => ("Servizio momentaneamente non disponibile", "Il servizio è in manutenzione o sovraccarico. Riprova tra qualche minuto."),
            _ => ("Si è verificato un errore", "Si è verificato un errore imprevisto. Il problema è stato registrato: riprova più tardi."),
        };
        RequestId = status >= 500 ? Activity.Current?.Id ?? HttpContext.TraceIdentifier : null;
        if (HttpContext.Response.StatusCode < 400)
        {
            HttpContext.Response.StatusCode = status;
        }
    }
}
