namespace PenToscana.Modules.InfoDesk.Domain;

/// <summary>What the citizen is telling the body: a problem to fix, a complaint about a service, or an idea.</summary>
internal enum ReportType
{
    Issue = 0,
    Complaint = 1,
    Suggestion = 2,
}

/// <summary>How the report reached the body. Most arrive by phone, e-mail or at the desk, not through the web.</summary>
internal enum ReportChannel
{
    Web = 0,
    Phone = 1,
    Fax = 2,
    Email = 3,
    Paper = 4,
    Desk = 5,
    Open311 = 6,
}

/// <summary>Where the handling stands. Visibility and moderation are separate properties of the report.</summary>
internal enum ReportState
{
    Received = 0,
    Assigned = 1,
    InProgress = 2,
    WaitingThirdParty = 3,
    Answered = 4,
    Closed = 5,
    Rejected = 6,
}

/// <summary>Text and photos of a public report are shown only once approved.</summary>
internal enum Moderation
{
    Pending = 0,
    Approved = 1,
    Hidden = 2,
}

internal enum ContactPreference
{
    Email = 0,
    Phone = 1,
    Post = 2,
    None = 3,
}

internal enum ReportEventKind
{
    Filed = 0,
    StateChanged = 1,
    Assigned = 2,
    InternalNote = 3,
    OfficialAnswer = 4,
    CitizenComment = 5,
    Reopened = 6,
    Supported = 7,
    Protocolled = 8,
    Reminder = 9,
    Escalated = 10,
    Moderated = 11,
}

internal static class Labels
{
    public static string Of(ReportType t) => t switch
    {
        ReportType.Issue => "Segnalazione",
        ReportType.Complaint => "Reclamo",
        ReportType.Suggestion => "Suggerimento",
        _ => t.ToString(),
    };

    public static string Of(ReportChannel c) => c switch
    {
        ReportChannel.Web => "Web",
        ReportChannel.Phone => "Telefono",
        ReportChannel.Fax => "Fax",
        ReportChannel.Email => "E-mail",
        ReportChannel.Paper => "Posta cartacea",
        ReportChannel.Desk => "Sportello",
        ReportChannel.Open311 => "Open311",
        _ => c.ToString(),
    };

    public static string Of(ReportState s) => s switch
    {
        ReportState.Received => "Ricevuta",
        ReportState.Assigned => "Assegnata",
        ReportState.InProgress => "In lavorazione",
        ReportState.WaitingThirdParty => "In attesa di terzi",
        ReportState.Answered => "Risposta inviata",
        ReportState.Closed => "Chiusa",
        ReportState.Rejected => "Respinta",
        _ => s.ToString(),
    };

    public static string Of(ContactPreference c) => c switch
    {
        ContactPreference.Email => "E-mail",
        ContactPreference.Phone => "Telefono",
        ContactPreference.Post => "Posta",
        ContactPreference.None => "Nessun contatto",
        _ => c.ToString(),
    };

    public static string Of(Moderation m) => m switch
    {
        Moderation.Pending => "Da moderare",
        Moderation.Approved => "Approvata",
        Moderation.Hidden => "Nascosta",
        _ => m.ToString(),
    };
}
