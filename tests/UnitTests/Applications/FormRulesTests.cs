using PenToscana.Modules.Applications.Demo;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.UnitTests.Applications;

public sealed class FormRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData("IT60X0542811101000000123456", true)]
    [InlineData("IT60X0542811101000000123457", false)]
    [InlineData("IT60X05428111010000001234", false)]
    [InlineData("GB82WEST12345698765432", true)]
    public void Iban_check_digits_are_verified_with_mod_97(string iban, bool valid)
        => (Ibans.Check(iban) is null).ShouldBe(valid);

    [Fact]
    public void A_field_required_if_another_has_a_value_is_required_only_then()
    {
        var form = DemoServices.NurseryForm();
        var data = new Dictionary<string, string> { ["bambinoNome"] = "Luigi", ["bambinoCognome"] = "Rossi", ["bambinoCodiceFiscale"] = "BNCGLI85M52G999P", ["bambinoNascita"] = "2025-01-01", ["disabilita"] = "no" };
        FormRules.ValidateStep(form, 1, data, Today).ShouldBeEmpty();
        data["disabilita"] = "si";
        FormRules.ValidateStep(form, 1, data, Today).Single().Key.ShouldBe("certificazione");
    }

    [Fact]
    public void A_repeating_group_respects_its_maximum_and_validates_each_item()
    {
        var form = DemoServices.NurseryForm();
        var data = new Dictionary<string, string> { ["nidi"] = "2", ["nidi[0].nido"] = "Nido Il Girasole (Quartiere 1)", ["nidi[1].nido"] = "Nido inventato", ["orario"] = "Tempo corto (7:30-13:30)" };
        FormRules.ValidateStep(form, 3, data, Today).Single().Key.ShouldBe("nidi[1].nido");
    }

    [Fact]
    public void Values_of_hidden_fields_and_unknown_keys_are_dropped_when_cleaning()
    {
        var form = DemoServices.NurseryForm();
        var clean = FormRules.Clean(form, new Dictionary<string, string> { ["disabilita"] = "no", ["certificazione"] = "x", ["ruolo"] = "admin" });
        clean.ShouldNotContainKey("certificazione");
        clean.ShouldNotContainKey("ruolo");
    }

    [Fact]
    public void A_date_after_today_is_refused_when_the_maximum_is_today()
    {
        var field = new FormField { Key = "d", Label = "Data", Type = FieldTypes.Date, MaxDate = "today" };
        FormRules.CheckValue(field, "2026-11-27", Today).ShouldNotBeNull();
        FormRules.CheckValue(field, "2026-11-26", Today).ShouldBeNull();
    }

    [Fact]
    public void The_definition_validator_rejects_unknown_types_and_dangling_conditions()
    {
        var (form, errors) = DefinitionValidator.Validate("""
            {"title":"T","steps":[{"key":"a","title":"A","fields":[
              {"key":"x","label":"X","type":"hologram"},
              {"key":"y","label":"Y","type":"text","showIf":{"field":"missing","equalTo":"1"}}]}]}
            """);
        form.ShouldBeNull();
        errors.ShouldContain(e => e.Contains("tipo sconosciuto", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("\"missing\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_definition_validator_refuses_a_fee_that_is_a_sum_of_numbers_or_negative_and_accepts_a_fee_in_cents()
    {
        var (sum, sumErrors) = DefinitionValidator.Validate("""
            {"title":"T","steps":[{"key":"a","title":"A","fields":[
              {"key":"n","label":"N","type":"number"},
              {"key":"fee","label":"Fee","type":"computed","compute":{"sumOf":["n"],"payable":true}}]}]}
            """);
        sum.ShouldBeNull();
        sumErrors.ShouldContain(e => e.Contains("\"fee\"", StringComparison.Ordinal) && e.Contains("importo da pagare", StringComparison.Ordinal));

        var (negative, negativeErrors) = DefinitionValidator.Validate("""
            {"title":"T","steps":[{"key":"a","title":"A","fields":[
              {"key":"fee","label":"Fee","type":"computed","compute":{"baseCents":-100,"payable":true}}]}]}
            """);
        negative.ShouldBeNull();
        negativeErrors.ShouldContain(e => e.Contains("negativo", StringComparison.Ordinal));

        var (fee, feeErrors) = DefinitionValidator.Validate("""
            {"title":"T","steps":[{"key":"a","title":"A","fields":[
              {"key":"copie","label":"Copie","type":"number"},
              {"key":"fee","label":"Fee","type":"computed","compute":{"baseCents":1600,"perItemCents":26,"timesField":"copie","payable":true}}]}]}
            """);
        feeErrors.ShouldBeEmpty();
        fee.ShouldNotBeNull();
    }

    [Fact]
    public void Every_demo_form_passes_the_definition_validator()
    {
        foreach (var (_, _, form) in DemoServices.All(["c_d612", "r_toscan", "c_g999", "usl_tc"]))
        {
            DefinitionValidator.Validate(form.ToJson()).Errors.ShouldBeEmpty();
        }
    }
}
