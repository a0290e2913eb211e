using PenToscana.Modules.InfoDesk.Features.Cards;

namespace PenToscana.UnitTests.InfoDesk;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("certificato", "certificati")]
    [InlineData("anagrafica", "anagrafiche")]
    [InlineData("residenza", "residenze")]
    [InlineData("dialogo", "dialoghi")]
    [InlineData("iscrizione", "iscrizioni")]
    public void Singular_and_plural_share_a_stem(string singular, string plural)
        => CardText.Stem(plural).ShouldBe(CardText.Stem(singular));

    [Fact]
    public void Words_are_folded_to_lower_case_without_accents_and_stop_words_are_dropped()
        => CardText.Stems("La CITTÀ e l'Università: più servizi per i cittadini").ShouldBe(["citt", "universit", "serviz", "cittadin"]);

    [Fact]
    public void Short_words_and_numbers_are_kept_whole()
        => CardText.Stems("IMU 2026 tari").ShouldBe(["imu", "2026", "tar"]);

    [Fact]
    public void The_index_is_marked_and_holds_each_stem_once_after_a_space()
    {
        var index = CardText.Index("Bollo auto", "bollo, esenzione", null, "Esenzione dal bollo per i veicoli");
        index.ShouldStartWith(CardText.Mark);
        index.ShouldBe(CardText.Mark + "boll aut esenzion veicol");
    }

    [Fact]
    public void A_title_hit_ranks_above_hits_in_the_text()
    {
        string[] searched = ["esenzion"];
        var inTitle = CardText.Score(searched, "Esenzione ticket", null, null, "Per reddito.");
        var inText = CardText.Score(searched, "Ticket sanitario", null, null, "Chi ha diritto all'esenzione, e quale esenzione.");
        inTitle.ShouldBeGreaterThan(inText);
        CardText.Score(searched, "Bollo auto", null, null, "Pagamento.").ShouldBe(0);
    }
}
