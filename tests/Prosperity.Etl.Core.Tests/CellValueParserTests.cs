using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public class CellValueParserTests
{
    [Theory]
    [InlineData("69,987", "元", 69987)]
    [InlineData("６９９８７", "元", 69987)]
    [InlineData("45183元", "元", 45183)]
    [InlineData(" 1.55 ", "ratio", 1.55)]
    [InlineData("5578万元", "元", 55780000)]
    [InlineData("538亿元", "亿元", 538)]
    [InlineData("55780000元", "万元", 5578)]
    [InlineData("6.48万人", "人", 64800)]
    [InlineData("1，011", "个", 1011)]
    public void ParseText_ShouldGiveTheNumberInTheCatalogueUnit(string text, string unit, double expected)
    {
        var parsed = CellValueParser.ParseText(text, unit);

        Assert.Equal(CellValueKind.Number, parsed.Kind);
        Assert.Equal((decimal)expected, parsed.Value);
    }

    [Theory]
    [InlineData("—")]
    [InlineData("/")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("－")]
    public void ParseText_ShouldMeanNotAvailable_WhenAMarkerOrBlank(string text)
    {
        var parsed = CellValueParser.ParseText(text, "元");

        Assert.Equal(CellValueKind.NotAvailable, parsed.Kind);
        Assert.Null(parsed.Value);
    }

    [Theory]
    [InlineData("about 300")]
    [InlineData("三百")]
    [InlineData("12..5")]
    public void ParseText_ShouldBeInvalid_WhenNotANumber(string text)
    {
        Assert.Equal(CellValueKind.Invalid, CellValueParser.ParseText(text, "元").Kind);
    }

    [Fact]
    public void ParseText_ShouldRefuse_WhenTheUnitIsOfAnotherKind()
    {
        var parsed = CellValueParser.ParseText("300人", "元");

        Assert.Equal(CellValueKind.UnitNotConvertible, parsed.Kind);
        Assert.Equal("人", parsed.TypedUnit);
    }

    [Fact]
    public void ParseText_ShouldRecordTheFactor_WhenItConverts()
    {
        var parsed = CellValueParser.ParseText("5,578万元", "元");

        Assert.Equal(10_000m, parsed.Factor);
        Assert.Equal("万元", parsed.TypedUnit);
    }
}
