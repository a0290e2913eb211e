using System.Security.Cryptography;
using PenToscana.Kernel.Blobs;

namespace PenToscana.UnitTests.Kernel.Blobs;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly TempBlobRoot _root = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _root.Dispose();

    private static byte[] RandomDocument(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            return copy.ToArray();
        }
    }

    private void FlipOneByteOnDisk(string sha256, long offset)
    {
        string path = _root.PathOf(sha256);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        int original = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(original ^ 0x01));
    }

    [Fact]
    public async Task A_stored_document_reads_back_bit_identical()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(5 * 1024 * 1024 + 123);

        var stored = await store.PutAsync(new MemoryStream(document), cancellationToken: Ct);

        stored.ShouldBe(new BlobRef(Convert.ToHexStringLower(SHA256.HashData(document)), document.Length));
        byte[] readBack = await ReadAllAsync(await store.OpenReadAsync(stored.Sha256, cancellationToken: Ct));
        readBack.AsSpan().SequenceEqual(document).ShouldBeTrue();
    }

    [Fact]
    public async Task A_document_streamed_in_small_pieces_gets_the_same_address_as_in_one_piece()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(3 * 1024 * 1024 + 7);

        var stored = await store.PutAsync(new ForwardOnlyStream(document, pieceSize: 1000), cancellationToken: Ct);

        stored.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(document)));
        stored.Length.ShouldBe(document.Length);
    }

    [Fact]
    public async Task A_blob_is_filed_under_two_levels_of_folders_named_after_its_address()
    {
        var store = _root.NewStore();

        var stored = await store.PutAsync(new MemoryStream(RandomDocument(1000)), cancellationToken: Ct);

        _root.AllFiles().ShouldBe([_root.PathOf(stored.Sha256)]);
    }

    [Fact]
    public async Task A_stored_blob_is_read_only_on_disk()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }

        var store = _root.NewStore();

        var stored = await store.PutAsync(new MemoryStream(RandomDocument(1000)), cancellationToken: Ct);

        var mode = File.GetUnixFileMode(_root.PathOf(stored.Sha256));
        (mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)).ShouldBe(UnixFileMode.None);
    }

    [Fact]
    public async Task The_same_content_stored_twice_is_kept_once_under_the_same_ref()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(200_000);

        var first = await store.PutAsync(new MemoryStream(document), cancellationToken: Ct);
        var second = await store.PutAsync(new MemoryStream(document), cancellationToken: Ct);

        second.ShouldBe(first);
        _root.AllFiles().ShouldBe([_root.PathOf(first.Sha256)]);
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_content_all_succeed_and_leave_one_file()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(2 * 1024 * 1024);

        var refs = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(document), cancellationToken: Ct), Ct)));

        refs.Distinct().ShouldHaveSingleItem().Length.ShouldBe(document.Length);
        _root.AllFiles().ShouldBe([_root.PathOf(refs[0].Sha256)]);
    }

    [Fact]
    public async Task An_empty_stream_is_stored_as_the_empty_blob()
    {
        var store = _root.NewStore();

        var stored = await store.PutAsync(Stream.Null, cancellationToken: Ct);

        stored.ShouldBe(new BlobRef(EmptySha256, 0));
        (await ReadAllAsync(await store.OpenReadAsync(EmptySha256, verify: true, Ct))).ShouldBeEmpty();
        (await store.VerifyAsync(EmptySha256, Ct)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_detects_a_byte_flipped_on_disk()
    {
        var store = _root.NewStore();
        var stored = await store.PutAsync(new MemoryStream(RandomDocument(3 * 1024 * 1024)), cancellationToken: Ct);
        (await store.VerifyAsync(stored.Sha256, Ct)).Integrity.ShouldBe(BlobIntegrity.Intact);

        FlipOneByteOnDisk(stored.Sha256, offset: 2 * 1024 * 1024 + 5);

        var verification = await store.VerifyAsync(stored.Sha256, Ct);
        verification.Integrity.ShouldBe(BlobIntegrity.Corrupted);
        verification.ActualSha256.ShouldNotBe(stored.Sha256);
        verification.ActualLength.ShouldBe(stored.Length);
    }

    [Fact]
    public async Task A_verifying_read_of_an_intact_blob_returns_its_bytes()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(1024 * 1024 + 1);
        var stored = await store.PutAsync(new MemoryStream(document), cancellationToken: Ct);

        byte[] readBack = await ReadAllAsync(await store.OpenReadAsync(stored.Sha256, verify: true, Ct));

        readBack.AsSpan().SequenceEqual(document).ShouldBeTrue();
    }

    [Fact]
    public async Task A_verifying_read_of_a_tampered_blob_throws_at_the_end_of_the_stream()
    {
        var store = _root.NewStore();
        var stored = await store.PutAsync(new MemoryStream(RandomDocument(1024 * 1024 + 1)), cancellationToken: Ct);
        FlipOneByteOnDisk(stored.Sha256, offset: 0);

        var ex = await Should.ThrowAsync<BlobCorruptedException>(
            async () => await ReadAllAsync(await store.OpenReadAsync(stored.Sha256, verify: true, Ct)));

        ex.Sha256.ShouldBe(stored.Sha256);
    }

    [Fact]
    public async Task A_plain_read_of_a_tampered_blob_does_not_check()
    {
        var store = _root.NewStore();
        var stored = await store.PutAsync(new MemoryStream(RandomDocument(1000)), cancellationToken: Ct);
        FlipOneByteOnDisk(stored.Sha256, offset: 10);

        byte[] readBack = await ReadAllAsync(await store.OpenReadAsync(stored.Sha256, cancellationToken: Ct));

        readBack.Length.ShouldBe(1000);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_rejected_while_streaming_and_leaves_no_file_behind()
    {
        const int limit = 1024 * 1024;
        var store = _root.NewStore(maxBytes: limit);

        var ex = await Should.ThrowAsync<BlobTooLargeException>(
            () => store.PutAsync(new ForwardOnlyStream(RandomDocument(limit + 1)), cancellationToken: Ct));

        ex.MaxBytes.ShouldBe(limit);
        _root.AllFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_seekable_upload_over_the_limit_is_rejected_before_reading()
    {
        var store = _root.NewStore(maxBytes: 1000);
        var content = new MemoryStream(RandomDocument(1001));

        await Should.ThrowAsync<BlobTooLargeException>(() => store.PutAsync(content, cancellationToken: Ct));

        content.Position.ShouldBe(0);
        _root.AllFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_upload_of_exactly_the_limit_is_accepted()
    {
        const int limit = 1024 * 1024;
        var store = _root.NewStore(maxBytes: limit);

        var stored = await store.PutAsync(new ForwardOnlyStream(RandomDocument(limit)), cancellationToken: Ct);

        stored.Length.ShouldBe(limit);
        (await store.ExistsAsync(stored.Sha256, Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_put_with_the_expected_hash_and_length_is_stored()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(5000);
        var expected = new BlobExpectation(Convert.ToHexStringLower(SHA256.HashData(document)), document.Length);

        var stored = await store.PutAsync(new MemoryStream(document), expected, Ct);

        stored.ShouldBe(new BlobRef(expected.Sha256!, document.Length));
    }

    [Fact]
    public async Task A_put_whose_hash_differs_from_the_expected_one_is_rejected_and_leaves_no_file()
    {
        var store = _root.NewStore();
        byte[] document = RandomDocument(5000);
        string otherSha = Convert.ToHexStringLower(SHA256.HashData(RandomDocument(5000, seed: 7)));

        await Should.ThrowAsync<BlobMismatchException>(
            () => store.PutAsync(new MemoryStream(document), new BlobExpectation(Sha256: otherSha), Ct));

        _root.AllFiles().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(4999)]
    [InlineData(5001)]
    public async Task A_put_whose_length_differs_from_the_expected_one_is_rejected_and_leaves_no_file(long expectedLength)
    {
        var store = _root.NewStore();

        await Should.ThrowAsync<BlobMismatchException>(
            () => store.PutAsync(new ForwardOnlyStream(RandomDocument(5000)), new BlobExpectation(Length: expectedLength), Ct));

        _root.AllFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_blob_is_reported_as_missing()
    {
        var store = _root.NewStore();

        (await store.ExistsAsync(EmptySha256, Ct)).ShouldBeFalse();
        (await store.VerifyAsync(EmptySha256, Ct)).Integrity.ShouldBe(BlobIntegrity.Missing);
        await Should.ThrowAsync<BlobNotFoundException>(() => store.OpenReadAsync(EmptySha256, cancellationToken: Ct));
    }

    public static TheoryData<string> MalformedAddresses() =>
    [
        "",
        "abc",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        EmptySha256[..63],
        EmptySha256 + "0",
        "../../../../../etc/passwd" + EmptySha256[25..],
        "e3/b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"[..64],
        "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        " 3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ];

    [Theory]
    [MemberData(nameof(MalformedAddresses))]
    public async Task A_malformed_address_is_rejected_by_every_operation(string address)
    {
        var store = _root.NewStore();

        await Should.ThrowAsync<ArgumentException>(() => store.OpenReadAsync(address, cancellationToken: Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.OpenReadAsync(address, verify: true, Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.ExistsAsync(address, Ct));
        await Should.ThrowAsync<ArgumentException>(() => store.VerifyAsync(address, Ct));
        await Should.ThrowAsync<ArgumentException>(
            () => store.PutAsync(new MemoryStream([1, 2, 3]), new BlobExpectation(Sha256: address), Ct));
        _root.AllFiles().ShouldBeEmpty();
    }
}
