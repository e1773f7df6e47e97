using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Verdict.Salesforce.Events;

namespace Verdict.Salesforce.Tests;

/// <summary>The CSV reader: RFC 4180 quoting, physical line numbers, malformed records reported and skipped.</summary>
public sealed class CsvReaderTests
{
    private static List<(long Line, string? Error, string[] Fields)> Read(string text, int buffer = 1 << 20)
    {
        using var csv = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), buffer);
        var list = new List<(long, string?, string[])>();
        while (csv.Next(out var error))
            list.Add((csv.Line, error, Enumerable.Range(0, csv.FieldCount).Select(csv.String).ToArray()));
        return list;
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var r = Read("\"a\",\"b, \"\"c\"\"\nd\"\n\"e\",\"f\"\n");
        Assert.Equal(["a", "b, \"c\"\nd"], r[0].Fields);
        Assert.Equal(3, r[1].Line);
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_not_part_of_the_data()
    {
        var r = Read("\uFEFFa,b\r\n\"c\",d\r\n");
        Assert.Equal(["a", "b"], r[0].Fields);
        Assert.Equal(["c", "d"], r[1].Fields);
    }

    [Fact]
    public void A_last_line_without_a_line_break_is_read()
    {
        var r = Read("a,b\nc,d");
        Assert.Equal(["c", "d"], r[1].Fields);
    }

    [Fact]
    public void Blank_lines_hold_no_record_but_count_as_lines()
    {
        var r = Read("a\n\n\nb\n");
        Assert.Equal(2, r.Count);
        Assert.Equal(4, r[1].Line);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_reported_and_the_next_line_is_read()
    {
        var r = Read("\"a\"x,\"b\"\n\"c\"\n");
        Assert.Equal("a character after the closing quote of a field", r[0].Error);
        Assert.Equal(["c"], r[1].Fields);
        Assert.Equal(2, r[1].Line);
    }

    [Fact]
    public void A_quote_left_open_at_the_end_of_the_file_is_reported()
    {
        var r = Read("a\n\"b,c\n");
        Assert.Equal("a quoted field is not closed before the end of the file", r[1].Error);
    }

    [Fact]
    public void A_record_longer_than_the_buffer_is_read_whole()
    {
        var big = new string('x', 5000);
        var r = Read($"\"{big}\",b\nc\n", buffer: 64);
        Assert.Equal([big, "b"], r[0].Fields);
        Assert.Equal(["c"], r[1].Fields);
    }

    [Fact]
    public void Any_buffer_size_reads_the_same_records()
    {
        var cell = Gen.Elements("a", "", "b,c", "d\"e", "f\ng", "hé").ArrayOf();
        Prop.ForAll(cell.ArrayOf().ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (rows, size) =>
        {
            var text = string.Concat(rows.Where(r => r.Length > 0).Select(r => string.Join(",", r.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"")) + "\n"));
            return Read(text, size).Select(x => string.Join("|", x.Fields)).SequenceEqual(Read(text).Select(x => string.Join("|", x.Fields)));
        }).QuickCheckThrowOnFailure();
    }
}
