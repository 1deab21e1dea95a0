package org.basinledger.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command against a small fake ledger: success, each way it can fail, exit codes and the state file. */
class AuditorCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeLedger ledger;
    Path state;
    Path keyFile;

    @BeforeEach
    void start() throws IOException {
        ledger = new FakeLedger().append(5);
        state = dir.resolve("state.json");
        keyFile = dir.resolve("ledger.pem");
        Files.writeString(keyFile, PinnedKey.ofBase64(ledger.publicKey()).pem());
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    Run run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--ledger", ledger.url(), "--key", keyFile.toString(),
                "--state", state.toString()));
        args.addAll(List.of(more));
        return Run.of(args.toArray(String[]::new));
    }

    JsonNode stateJson() throws IOException {
        return JSON.readTree(state.toFile());
    }

    @Nested
    class Usage {

        @Test
        void helpListsTheCommandsAndExitCodes() {
            Run run = Run.of("--help");
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).contains("check", "inclusion", "export", "verify-export", "key", "Exit codes",
                    "inconsistent log");
        }

        @Test
        void noCommandOrAnUnknownOptionIsBadInput() {
            assertThat(Run.of().code()).isEqualTo(ExitCodes.BAD_INPUT);
            Run unknown = Run.of("check", "--frobnicate");
            assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        }

        @Test
        void aMissingOrMalformedKeyIsBadInput() throws IOException {
            Run missing = Run.of("check", "--ledger", ledger.url(), "--state", state.toString());
            assertThat(missing.code()).as(missing.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(missing.err()).contains("--key");
            Files.writeString(dir.resolve("junk.pem"), "not a key");
            Run junk = Run.of("check", "--ledger", ledger.url(), "--key", dir.resolve("junk.pem").toString(),
                    "--state", state.toString());
            assertThat(junk.code()).as(junk.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(junk.err()).contains("not an Ed25519 public key");
        }

        @Test
        void theKeyMayBeGivenAsBase64OrAsTheJsonOfTheKeyEndpoint() throws IOException {
            Run base64 = Run.of("check", "--ledger", ledger.url(), "--key", ledger.publicKey(), "--state",
                    state.toString());
            assertThat(base64.code()).as(base64.toString()).isZero();
            Path json = dir.resolve("key.json");
            Files.writeString(json, "{\"keyId\":\"" + ledger.keyId() + "\",\"algorithm\":\"Ed25519\",\"publicKey\":\""
                    + ledger.publicKey() + "\"}");
            Run fromJson = Run.of("check", "--ledger", ledger.url(), "--key", json.toString(), "--state",
                    state.toString());
            assertThat(fromJson.code()).as(fromJson.toString()).isZero();
        }
    }

    @Nested
    class Key {

        @Test
        void printsTheLedgersKeyAndSaysToCompareItOutOfBand() throws IOException {
            Path pem = dir.resolve("fetched.pem");
            Run run = Run.of("key", "--ledger", ledger.url(), "--out", pem.toString());
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).contains(ledger.keyId(), ledger.publicKey(), "BEGIN PUBLIC KEY");
            assertThat(run.err()).contains("OUT OF BAND");
            assertThat(PinnedKey.parse(pem.toString()).keyId()).isEqualTo(ledger.keyId());
        }

        @Test
        void comparesWithThePinnedKey() {
            Run same = Run.of("key", "--ledger", ledger.url(), "--key", keyFile.toString());
            assertThat(same.code()).as(same.toString()).isZero();
            assertThat(same.out()).contains("matches the pinned key");
            String other = PinnedKey.ofBase64(Base64.getEncoder().encodeToString(
                    FakeLedger.generateKey().getPublic().getEncoded())).publicKeyBase64();
            Run different = Run.of("key", "--ledger", ledger.url(), "--key", other);
            assertThat(different.code()).as(different.toString()).isEqualTo(ExitCodes.SIGNATURE);
        }
    }

    @Nested
    class Check {

        @Test
        void savesTheFirstHeadThenProvesEachNewHeadConsistentWithTheSavedOnes() throws IOException {
            Run first = run("check");
            assertThat(first.code()).as(first.toString()).isZero();
            assertThat(first.out()).contains("trusted on first use", "OK");
            assertThat(stateJson().path("heads")).hasSize(1);
            assertThat(stateJson().path("keyId").asText()).isEqualTo(ledger.keyId());

            ledger.append(3);
            Run second = run("check");
            assertThat(second.code()).as(second.toString()).isZero();
            assertThat(second.out()).contains("consistent with 1 saved head(s)");
            ledger.append(9);
            Run third = run("check");
            assertThat(third.code()).as(third.toString()).isZero();
            assertThat(third.out()).contains("consistent with 2 saved head(s), sizes 5..8");
            JsonNode heads = stateJson().path("heads");
            assertThat(heads).hasSize(3);
            assertThat(heads.get(2).path("treeSize").asLong()).isEqualTo(17);

            Run again = run("check", "--latest-only");
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).contains("was saved before");
            assertThat(stateJson().path("heads")).hasSize(3);
        }

        @Test
        void aRewriteAfterAWitnessCoSignedFailsForAPartyThatSavedNothing() throws IOException {
            KeyPair anhui = FakeLedger.generateKey();
            ledger.append(3);
            ledger.witness(8, "CN-AH", anhui);
            ledger.witness(8, "CN-ZJ", FakeLedger.generateKey());
            ledger.append(4);
            ledger.witness(12, "CN-AH", anhui);
            Run honest = run("check", "--no-save");
            assertThat(honest.code()).as(honest.toString()).isZero();
            assertThat(honest.out()).contains("no saved heads", "consistent with 2 witnessed head(s), 3 co-signature(s)"
                    + " by 2 jurisdiction(s)");

            // the operator rewrites event 3 and re-signs every size: no saved state, but the witnesses hold size 8
            ledger.rewrite(3, false);
            Run rewritten = run("check", "--no-save");
            assertThat(rewritten.code()).as(rewritten.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(rewritten.err()).contains("for size 8", "the log was rewritten");
            Run without = run("check", "--no-save", "--no-witnesses");
            assertThat(without.code()).as("what a party without saved heads saw before witnesses: " + without)
                    .isZero();
        }

        @Test
        void aHeadKeptAsAFileIsCheckedLikeASavedOne() throws IOException {
            Path kept = dir.resolve("basin-ledger-head-5.json");
            Files.writeString(kept, JSON.writeValueAsString(Heads.toJson(ledger.latest())));
            ledger.append(2);
            Run ok = run("check", "--no-save", "--head", kept.toString());
            assertThat(ok.code()).as(ok.toString()).isZero();
            assertThat(ok.out()).contains("consistent with the head in " + kept);

            ledger.rewrite(1, false);
            Run rewritten = run("check", "--no-save", "--head", kept.toString());
            assertThat(rewritten.code()).as(rewritten.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(rewritten.err()).contains("the kept head (size 5");

            ObjectNode forged = Heads.toJson(ledger.latest()).put("rootHash", "ab".repeat(32));
            Files.writeString(kept, JSON.writeValueAsString(forged));
            assertThat(run("check", "--no-save", "--head", kept.toString()).code()).isEqualTo(ExitCodes.SIGNATURE);
            Files.writeString(kept, "{\"treeSize\": \"five\"}");
            Run junk = run("check", "--no-save", "--head", kept.toString());
            assertThat(junk.code()).as(junk.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(junk.err()).contains("is not a signed head");
        }

        @Test
        void aCoSignatureThatDoesNotVerifyWithTheJurisdictionsKeyFails() {
            ledger.witness(5, "CN-AH", FakeLedger.generateKey());
            ledger.badWitnessSignature = true;
            Run run = run("check", "--no-save");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(run.err()).contains("co-signature", "jurisdiction CN-AH", "does not verify");

            ledger.badWitnessSignature = false;
            ledger.witness(5, "CN-AH", FakeLedger.generateKey());
            Run unregistered = run("check", "--no-save");
            assertThat(unregistered.code()).as(unregistered.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(unregistered.err()).contains("names a key the jurisdiction never registered");
        }

        @Test
        void aWitnessKeyGivenOutOfBandIsCheckedInsteadOfTheLedgersWord() throws IOException {
            KeyPair anhui = FakeLedger.generateKey();
            String anhuiKey = Base64.getEncoder().encodeToString(anhui.getPublic().getEncoded());
            KeyPair impostor = FakeLedger.generateKey();
            // the operator registers a key of its own as CN-AH's and co-signs with it
            ledger.registerKey("CN-AH", impostor);
            ledger.witness(5, "CN-AH", impostor);
            ledger.witness(5, "CN-ZJ", FakeLedger.generateKey());
            Run ledgersWord = run("check", "--no-save");
            assertThat(ledgersWord.code()).as("the ledger's word alone: " + ledgersWord).isZero();

            Run given = run("check", "--no-save", "--witness-key", "CN-AH=" + anhuiKey);
            assertThat(given.code()).as(given.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(given.err()).contains("jurisdiction CN-AH", "--witness-key",
                    "the ledger claims a different key for this witness");

        }

        @Test
        void aLedgerShowingAnotherKeyForAWitnessFailsThoughItsCoSignaturesAreReal() {
            KeyPair anhui = FakeLedger.generateKey();
            String anhuiKey = Base64.getEncoder().encodeToString(anhui.getPublic().getEncoded());
            ledger.witness(5, "CN-AH", anhui);
            ledger.registerKey("CN-AH", FakeLedger.generateKey());
            Run shownOtherwise = run("check", "--no-save", "--witness-key", "CN-AH=" + anhuiKey);
            assertThat(shownOtherwise.code()).as(shownOtherwise.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(shownOtherwise.err()).contains("does not show jurisdiction CN-AH's key",
                    "the ledger claims a different key for this witness");
        }

        @Test
        void coSignaturesVerifyWithWitnessKeysGivenOutOfBandFromAFileOrAsText() throws IOException {
            KeyPair anhui = FakeLedger.generateKey();
            String anhuiKey = Base64.getEncoder().encodeToString(anhui.getPublic().getEncoded());
            ledger.witness(5, "CN-AH", anhui);
            ledger.witness(5, "CN-ZJ", FakeLedger.generateKey());
            ledger.append(2);
            ledger.witness(7, "CN-AH", anhui);
            Run asText = run("check", "--no-save", "--witness-key", "CN-AH=" + anhuiKey);
            assertThat(asText.code()).as(asText.toString()).isZero();
            assertThat(asText.out()).contains("3 co-signature(s) by 2 jurisdiction(s)",
                    "2 of them with keys given out of band");
            Path file = dir.resolve("anhui.pub");
            Files.writeString(file, anhuiKey + "\n");
            assertThat(run("check", "--no-save", "--witness-key", "CN-AH=" + file).code()).isZero();

            ledger.badWitnessSignature = true;
            Run forged = run("check", "--no-save", "--witness-key", "CN-AH=" + anhuiKey);
            assertThat(forged.code()).as(forged.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(forged.err()).contains("does not verify with its key given out of band");
            ledger.badWitnessSignature = false;

            for (List<String> bad : List.of(List.of("--witness-key", "CN-AH"), List.of("--witness-key", "CN-AH="),
                    List.of("--witness-key", "CN-AH=not-a-key"),
                    List.of("--witness-key", "CN-AH=" + anhuiKey, "--witness-key", "CN-AH=" + anhuiKey))) {
                List<String> args = new ArrayList<>(List.of("--no-save"));
                args.addAll(bad);
                Run refused = run("check", args.toArray(String[]::new));
                assertThat(refused.code()).as(bad + ": " + refused).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(refused.err()).contains("--witness-key");
            }
        }

        @Test
        void aBadHeadSignatureFailsWithoutSaving() throws IOException {
            run("check");
            ledger.append(2);
            ledger.badHeadSignature = true;
            Run run = run("check");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(run.err()).contains("does not verify with the pinned key", "size 7");
            assertThat(stateJson().path("heads")).hasSize(1);
        }

        @Test
        void aHeadSignedByAnotherKeyFails() throws IOException {
            try (FakeLedger impostor = new FakeLedger().append(5)) {
                Run run = Run.of("check", "--ledger", impostor.url(), "--key", keyFile.toString(), "--state",
                        state.toString());
                assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.SIGNATURE);
                assertThat(run.err()).contains("the head names the key " + impostor.keyId());
                assertThat(state).doesNotExist();
            }
        }

        @Test
        void aRewrittenLogReSignedWithTheSameKeyIsInconsistent() throws IOException {
            run("check");
            SignedTreeHead saved = ledger.latest();
            ledger.append(4);
            ledger.rewrite(2, false);
            Run run = run("check");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(run.err()).contains("size 5", saved.rootHash(), "rewritten",
                    "Both heads carry valid signatures");
            assertThat(stateJson().path("heads")).hasSize(1);
        }

        @Test
        void aRewrittenLogThatStillServesTheOldHeadFailsTheConsistencyProof() {
            run("check");
            SignedTreeHead saved = ledger.latest();
            ledger.append(4);
            ledger.rewrite(1, true);
            Run run = run("check");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(run.err()).contains("consistency proof", saved.rootHash(), "does not verify");
        }

        @Test
        void aLogRebuiltInOneBatchNoLongerHasTheSavedHead() {
            run("check");
            ledger.append(4);
            ledger.rebuildInOneBatch(0);
            Run run = run("check");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(run.err()).contains("no longer has a signed head of size 5");
        }

        @Test
        void aTruncatedLogIsInconsistent() {
            ledger.append(4);
            run("check");
            ledger.truncate(6);
            Run run = run("check");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(run.err()).contains("fewer leaves than the saved head (size 9");
        }

        @Test
        void aBadConsistencyProofIsInconsistent() {
            run("check");
            ledger.append(3);
            ledger.badConsistencyProofs = true;
            Run run = run("check");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCONSISTENT);
        }

        @Test
        void aTamperedOrForeignStateFileIsRefused() throws IOException {
            run("check");
            ObjectNode json = (ObjectNode) stateJson();
            ObjectNode head = (ObjectNode) json.path("heads").get(0);
            head.put("rootHash", "00" + head.path("rootHash").asText().substring(2));
            JSON.writeValue(state.toFile(), json);
            Run tampered = run("check");
            assertThat(tampered.code()).as(tampered.toString()).isEqualTo(ExitCodes.SIGNATURE);
            assertThat(tampered.err()).contains("state file was altered");

            json.put("keyId", "0123456789abcdef");
            JSON.writeValue(state.toFile(), json);
            Run foreign = run("check");
            assertThat(foreign.code()).as(foreign.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(foreign.err()).contains("0123456789abcdef");

            Files.writeString(state, "{not json");
            Run broken = run("check");
            assertThat(broken.code()).as(broken.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(broken.err()).contains("not readable JSON");
        }

        @Test
        void anUnreachableLedgerOrAnHttpErrorIsANetworkFailure() throws IOException {
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            Run unreachable = Run.of("check", "--ledger", "http://127.0.0.1:" + closed, "--key", keyFile.toString(),
                    "--state", state.toString(), "--timeout", "5");
            assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(ExitCodes.NETWORK);
            assertThat(unreachable.err()).contains("cannot reach the ledger");

            ledger.serverError = true;
            Run error = run("check");
            assertThat(error.code()).as(error.toString()).isEqualTo(ExitCodes.NETWORK);
            assertThat(error.err()).contains("answered 500", "the fake is down");

            Run badUrl = Run.of("check", "--ledger", "ftp://x", "--key", keyFile.toString());
            assertThat(badUrl.code()).as(badUrl.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        }
    }

    @Nested
    class Inclusion {

        @Test
        void provesLeavesEventsAndAnAgreementsHistory() {
            Run leaves = run("inclusion", "--leaf", "0", "--leaf", "4");
            assertThat(leaves.code()).as(leaves.toString()).isZero();
            assertThat(leaves.out()).contains("leaf 0 (event ev-0) is in the signed tree of 5 leaves", "OK: 2");

            Run events = run("inclusion", "--event", "ev-3", "--quiet");
            assertThat(events.code()).as(events.toString()).isZero();
            assertThat(events.out()).contains("event ev-3: leaf 3");

            Run history = run("inclusion", "--agreement", "A-1", "--token", FakeLedger.TOKEN);
            assertThat(history.code()).as(history.toString()).isZero();
            assertThat(history.out()).contains("OK: 5");
        }

        @Test
        void aWrongInclusionProofFails() {
            ledger.badInclusionProofs = true;
            Run run = run("inclusion", "--leaf", "1", "--leaf", "2");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCLUSION);
            assertThat(run.err()).contains("2 of 2 not proven", "does not lead to the signed root");
        }

        @Test
        void anUnknownEventOrALeafBeyondTheTreeFails() {
            Run unknown = run("inclusion", "--event", "ev-404");
            assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.INCLUSION);
            assertThat(unknown.err()).contains("ev-404");
            Run beyond = run("inclusion", "--leaf", "5");
            assertThat(beyond.code()).as(beyond.toString()).isEqualTo(ExitCodes.BAD_INPUT);
            Run nothing = run("inclusion");
            assertThat(nothing.code()).as(nothing.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        }

        @Test
        void anEventChangedInTheStoreAfterLoggingFailsWhenTheDataIsShown() {
            ledger.storeView = e -> e.eventIdentifier().equals("ev-2") ? changed(e) : e;
            Run run = run("inclusion", "--leaf", "2", "--token", FakeLedger.TOKEN);
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCLUSION);
            assertThat(run.err()).contains("the event changed in the store after it was logged");
        }

        @Test
        void inclusionAlsoChecksTheHeadAgainstTheLargestSavedHead() {
            run("check");
            ledger.append(2);
            ledger.rewrite(0, false);
            Run run = run("inclusion", "--leaf", "1");
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.INCONSISTENT);
        }
    }

    @Nested
    class Export {

        @Test
        void exportsWithDataAndVerifiesOffline() throws IOException {
            ledger.append(1200);
            Path file = dir.resolve("export.jsonl");
            Run export = run("export", "--out", file.toString(), "--token", FakeLedger.TOKEN, "--page-size", "500");
            assertThat(export.code()).as(export.toString()).isZero();
            assertThat(export.err()).contains("leaves exported 1205/1205 (100%)");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1206);
            JsonNode header = JSON.readTree(lines.get(0));
            assertThat(header.path("format").asText()).isEqualTo("basin-ledger-export:v1");
            assertThat(header.path("keyId").asText()).isEqualTo(ledger.keyId());
            assertThat(header.path("head").path("treeSize").asLong()).isEqualTo(1205);
            assertThat(JSON.readTree(lines.get(1)).path("leafData").isTextual()).isTrue();

            ledger.close();
            Run verify = Run.of("verify-export", file.toString(), "--key", keyFile.toString());
            assertThat(verify.code()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("OK: 1205 leaves (1205 recomputed from their canonical data)");
            assertThat(verify.err()).contains("leaves verified 1205/1205");
            Run quiet = Run.of("verify-export", file.toString(), "--key", keyFile.toString(), "-q");
            assertThat(quiet.err()).doesNotContain("leaves verified");
        }

        @Test
        void aTamperedExportNamesTheFirstMismatchingLeaf() throws IOException {
            Path file = exportWithData();
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            ObjectNode leaf = (ObjectNode) JSON.readTree(lines.get(3));
            byte[] data = Base64.getDecoder().decode(leaf.path("leafData").asText());
            data[data.length - 30] ^= 0x01;
            leaf.put("leafData", Base64.getEncoder().encodeToString(data));
            lines.set(3, JSON.writeValueAsString(leaf));
            Files.write(file, lines);
            Run run = verify(file);
            assertThat(run.code()).as(run.toString()).isEqualTo(ExitCodes.EXPORT);
            assertThat(run.err()).contains("first: leaf 2 (event ev-2): its canonical data hashes to",
                    "rebuild the root");
        }

        @Test
        void aTamperedHeadSignatureOrAMissingLeafFails() throws IOException {
            Path file = exportWithData();
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            ObjectNode header = (ObjectNode) JSON.readTree(lines.get(0));
            ((ObjectNode) header.path("head")).put("treeSize", 4);
            List<String> badHead = new ArrayList<>(lines);
            badHead.set(0, JSON.writeValueAsString(header));
            Files.write(file, badHead);
            Run signature = verify(file);
            assertThat(signature.code()).as(signature.toString()).isEqualTo(ExitCodes.SIGNATURE);

            List<String> missing = new ArrayList<>(lines);
            missing.remove(3);
            Files.write(file, missing);
            Run gap = verify(file);
            assertThat(gap.code()).as(gap.toString()).isEqualTo(ExitCodes.EXPORT);
            assertThat(gap.err()).contains("leaf 2 is missing");

            List<String> truncated = new ArrayList<>(lines.subList(0, 4));
            Files.write(file, truncated);
            Run shorter = verify(file);
            assertThat(shorter.code()).as(shorter.toString()).isEqualTo(ExitCodes.EXPORT);
            assertThat(shorter.err()).contains("ends after 3 leaves");

            Files.writeString(file, "garbage\n");
            assertThat(verify(file).code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(Run.of("verify-export", dir.resolve("nope").toString(), "--key", keyFile.toString()).code())
                    .isEqualTo(ExitCodes.BAD_INPUT);
        }

        @Test
        void aPublicExportHoldsHashesOnly() throws IOException {
            Path file = dir.resolve("public.jsonl");
            Run export = run("export", "--out", file.toString(), "--quiet");
            assertThat(export.code()).as(export.toString()).isZero();
            assertThat(export.err()).contains("no leaf data").doesNotContain("leaves exported");
            Run verify = verify(file);
            assertThat(verify.code()).as(verify.toString()).isZero();
            assertThat(verify.err()).contains("events' bytes were not checked");
            Run strict = Run.of("verify-export", file.toString(), "--key", keyFile.toString(), "--require-data");
            assertThat(strict.code()).as(strict.toString()).isEqualTo(ExitCodes.EXPORT);

            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            ObjectNode leaf = (ObjectNode) JSON.readTree(lines.get(2));
            String hash = leaf.path("leafHash").asText();
            leaf.put("leafHash", (hash.charAt(0) == 'a' ? "b" : "a") + hash.substring(1));
            lines.set(2, JSON.writeValueAsString(leaf));
            Files.write(file, lines);
            Run tampered = verify(file);
            assertThat(tampered.code()).as(tampered.toString()).isEqualTo(ExitCodes.EXPORT);
            assertThat(tampered.err()).contains("rebuild the root");
        }

        @Test
        void anExportOfARewrittenLogDisagreesWithTheSavedHeads() throws IOException {
            run("check");
            ledger.append(3);
            ledger.rewrite(1, false);
            Path file = dir.resolve("rewritten.jsonl");
            Run export = Run.of("export", "--ledger", ledger.url(), "--key", keyFile.toString(), "--state",
                    dir.resolve("none.json").toString(), "--out", file.toString(), "--token", FakeLedger.TOKEN);
            assertThat(export.code()).as(export.toString()).isZero();
            Run verify = Run.of("verify-export", file.toString(), "--key", keyFile.toString(), "--state",
                    state.toString());
            assertThat(verify.code()).as(verify.toString()).isEqualTo(ExitCodes.EXPORT);
            assertThat(verify.err()).contains("the first 5 leaves rebuild the root", "your saved head (size 5");

            Run withState = run("export", "--out", dir.resolve("x.jsonl").toString());
            assertThat(withState.code()).as(withState.toString()).isEqualTo(ExitCodes.INCONSISTENT);
        }

        @Test
        void anExportOfAStoreChangedAfterLoggingFailsAndIsKept() throws IOException {
            ledger.storeView = e -> e.eventIdentifier().equals("ev-3") ? changed(e) : e;
            Path file = dir.resolve("changed.jsonl");
            Run export = run("export", "--out", file.toString(), "--token", FakeLedger.TOKEN);
            assertThat(export.code()).as(export.toString()).isEqualTo(ExitCodes.EXPORT);
            assertThat(export.err()).contains("leaf 3 (event ev-3)", "kept in");
            assertThat(file).exists();
        }

        private Path exportWithData() {
            Path file = dir.resolve("export.jsonl");
            Run export = run("export", "--out", file.toString(), "--token", FakeLedger.TOKEN);
            assertThat(export.code()).as(export.toString()).isZero();
            return file;
        }

        private Run verify(Path file) {
            return Run.of("verify-export", file.toString(), "--key", keyFile.toString());
        }
    }

    static StoredEvent changed(StoredEvent e) {
        byte[] payload = new String(e.payload(), StandardCharsets.UTF_8).replace("basin", "basim")
                .getBytes(StandardCharsets.UTF_8);
        return new StoredEvent(e.eventIdentifier(), e.aggregateType(), e.aggregateIdentifier(), e.sequenceNumber(),
                e.payloadType(), e.payloadRevision(), e.timestamp(), payload, e.metaData());
    }
}
