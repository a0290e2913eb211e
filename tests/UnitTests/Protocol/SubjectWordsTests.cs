using PenToscana.Modules.Protocol.Features.SearchEntries;

namespace PenToscana.UnitTests.Protocol;

public sealed class SubjectWordsTests
{
    [Fact]
    public void Punctuation_separates_words_as_the_index_does()
    {
        SubjectWords.Of("Pratica 2024/12345 dell'Ufficio socio-sanitario").ShouldBe(["pratica", "2024", "12345", "dell", "ufficio", "socio", "sanitario"]);
    }

    [Fact]
    public void Accented_letters_stay_inside_their_word_and_are_lower_cased()
    {
        SubjectWords.Of("ATTIVITÀ produttive, città").ShouldBe(["attività", "produttive", "città"]);
    }

    [Fact]
    public void A_text_of_only_punctuation_has_no_words()
    {
        SubjectWords.Of(" / - ' % ").ShouldBeEmpty();
    }

    [Fact]
    public void Repeated_words_count_once_and_at_most_eight_are_kept()
    {
        SubjectWords.Of("via via Roma uno due tre quattro cinque sei sette otto nove").ShouldBe(["via", "roma", "uno", "due", "tre", "quattro", "cinque", "sei"]);
    }

    [Fact]
    public void Every_word_must_occur_whole()
    {
        SubjectWords.ToTsQuery(["contributo", "l", "di", "2026"]).ShouldBe("'contributo' & 'l' & 'di' & '2026'");
    }
}
