/* ctests/test_rsa.c - RSA keys, signatures and encryption through the C ABI:
 * import/export round trips (1024/2048/4096), a PKCS#1 v1.5 SHA-256 known answer
 * (signature computed independently by OpenSSL), PSS, OAEP with every hash with
 * and without a label, PKCS#1 v1.5 encryption, generation (psa_generate_key and
 * psa_generate_key_custom with a public exponent) and the error paths. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fixed RSA test keys generated once with OpenSSL 3.0 (openssl genrsa; DER RSAPrivateKey
 * and RSAPublicKey). */
static const char K1024[] =
    "3082025d02010002818100f2bc189f7feb612e313d964548108cc961137a1b03f1f59b9211712b4ddd60da7186d34980"
    "27e1140042c2e247a11a2579833e36e2dafd88090d921c2723c12134f5cf157e5c2dc94f728c26931757c3166bf5d73c"
    "7e154fe64436ba69ed1ec6b9ab769b12377241a094325f3a83b8bdc8c1edf2abce91ea38898dc59e029e770203010001"
    "0281800526e6e2e3c52c2fddcdafd5d29cbf503ae63dee3adc34d95375595090fb84e5be091d8ceed269dd91cfd8f112"
    "9221caefd4504abbefe7f7ae31828b646d46d912004e42cdcaaeaad1fbcd75a8cfd17aa611b73e0a0c981630095f60f6"
    "722bd994cd1c9e5cf0ae551bdc772f211c01994e30ed7e8cb95c8feaa28a11b67d70d1024100fdbbb5e06be839b515a4"
    "3b67894a46e61504b36f4f1a02ff9c5da74dbc902327f53542b99bd3938d4fabf37d90df9ee3dfcbfb0a6a7eb14d350b"
    "d80c03bfdedf024100f4e73b6b2b93b53a9207d6a47c8de2f38aa15bd93e116996c0df1f4844fcdc02c3f7525810cab2"
    "c1e63e0003a7f5af3c0ac7ff266ba8591bc7f64f8947f76b69024100a615829d9dc46a51a012da5791442f585795b626"
    "3beed8db9beca9a076b71a6c035393938eee54fd00939b542bca5464f08ec28a34df2d0b4e97ac196132ec9d024100eb"
    "c06c828e4072851f6e4c41ab652ac426ff8ddb62d480408f0a3aa2e74642c4a6c0be93e816385e4fb5ff6d85920c4e50"
    "52965bf5e6e960c4ed67434ff3ed8102407e0a60b33b0cfd2a701d1702b9bb557d6194050dd989555977ac4be79bf4c6"
    "c34c9d61d32267d38b312223d2623a6d43af7a96c7c89e2a719e1100eb81fc0b86";
static const char P1024[] =
    "30818902818100f2bc189f7feb612e313d964548108cc961137a1b03f1f59b9211712b4ddd60da7186d3498027e11400"
    "42c2e247a11a2579833e36e2dafd88090d921c2723c12134f5cf157e5c2dc94f728c26931757c3166bf5d73c7e154fe6"
    "4436ba69ed1ec6b9ab769b12377241a094325f3a83b8bdc8c1edf2abce91ea38898dc59e029e770203010001";
static const char K2048[] =
    "308204a30201000282010100a84685c55e8b598f41fc46944d2b781a9c51844133b7788d4018fb44f850cb90c820bbe2"
    "65fa3512091bd2f07836fd1e3fe1bb9d15ff9d548c62fc42e20105cd70b10ca4b0ac4df03ae0c9f2e3f7d5353974ceaa"
    "c79e13a424b097f73299cf49673d890b4bdd719f81af30820f66f11a1e085499b4645100b8f7ccea050c0f1b3fa77840"
    "009557f344a55a4caa00bb51c6c0b56b631ef6487d073ba417b54d23a7bab4302fc7b314092a5ef0a8750e20f4af531d"
    "ca45fe59fa84775e987186a7d8e708455a85460fc665af4a0b9732335feaec71aa3746b0109b70e94a5c466872fd822c"
    "1a78cf6c36449af6bfdf966bf70a4e172f88abe609ba4fe003d5ea4d02030100010282010040c911f4785f5f062c09e3"
    "e471c774108eb145a152b766c6bef03f4100f71e406a044c41b03041e165375ca16f2f0089765fc27b0a7ea4846a1e2b"
    "efd6123db928134a0257f0a67b00380e1820d38836db1d90f9a82bc07518191310bd5f0132c9f8237c81634abcf5d14c"
    "742e58dc27497bbc9286a47e99301d5b3b97e0da296b97e301da947bbfb3db43b732d4be116c3347b7dafc7dbf93f4f5"
    "2b95896a8002b74340a96b3f5eb82dad8b45cc58a31a4cf5aaee06330f9efd800e0c939eb67466b13cd6ee2ceea00113"
    "39145a9923da36da773c3ac35132f8a2b334d0b1f8b2d53b11a89a127f3a30ab2db87f11439d80d7c9c4cf77685c2576"
    "2240b5168302818100e1d472f8b8211391264d2f07e77bbbbbffdd46964c00d4803ddcb70c1eacc7a688d8a2c568d0e4"
    "162f7cb6f3d939af69a164cf68d8fd332de39d8fb6b92820996b2696036471a5ee5fed7938873ceae4a789f9429bc52c"
    "5eb9574cc4db316f3bc9b185fa679b78a254ff800efb318185ae6cae1368708d9d6fc66fbb7d01549b02818100bec1ab"
    "7bc5d0b83a9d23d08ee81c798dd9a194b230deb399bae82bf12f5471a61e5e30a5bbf0fb571eac2997f97fc7c61d2563"
    "f21b23fba062083fdad6ecb629e9c7d6182d987e95a7823f98101e234e043d163f6654af11bf62f7dc8b557229572903"
    "407837d5ef9214c2b110683d19f5b7c6069a35f5ef3d50e2f8a43d873702818035756f4a057c7eff4b4bd6284ed9f195"
    "0d7aba2cf60cf440ef640248f232008921b7f6c03891ca8c9ded2dfa07a02a301d2e9a12bddb2274687f71f7d558f46e"
    "9cf8e366262ee912c6ce9675953e0c74d85c470f4784a37e40edb3949e36d39819a4d68c725e516e4c24b791d450e1d2"
    "5d7a08b33b73f9721d75a21985fbfca50281804760dad50eb9422694a45127184d87627fdc0972fffc654212014c680c"
    "68d1b9f2451678fdb177ab2acc0b2855f0ed850164fb581db5c2334a5b81e15668eee5121877d14646789f7135b8ac22"
    "e3d41c1e53e95e41e1503d18db6499fefd3321aafeaabbd60036aa55843531e24ccf0846bcc479b5fc991133656ff8d0"
    "2441d3028181008da69f9c9caa6cf2a2f95de73d21cc8999ad07e9e98a0e2d32453ca7b987cd482281241b89d07ff697"
    "328725a2f832d3b123b031865ebb50c230718aa58db194fd8414f9dc3030e7259889ab52993e9f5bee622f45dd88a420"
    "27bfeb211b08550257f026201b1615e35b089fc77fd2b57419eedbc104516ed0630c29f0042ea2";
static const char P2048[] =
    "3082010a0282010100a84685c55e8b598f41fc46944d2b781a9c51844133b7788d4018fb44f850cb90c820bbe265fa35"
    "12091bd2f07836fd1e3fe1bb9d15ff9d548c62fc42e20105cd70b10ca4b0ac4df03ae0c9f2e3f7d5353974ceaac79e13"
    "a424b097f73299cf49673d890b4bdd719f81af30820f66f11a1e085499b4645100b8f7ccea050c0f1b3fa77840009557"
    "f344a55a4caa00bb51c6c0b56b631ef6487d073ba417b54d23a7bab4302fc7b314092a5ef0a8750e20f4af531dca45fe"
    "59fa84775e987186a7d8e708455a85460fc665af4a0b9732335feaec71aa3746b0109b70e94a5c466872fd822c1a78cf"
    "6c36449af6bfdf966bf70a4e172f88abe609ba4fe003d5ea4d0203010001";
static const char K4096[] =
    "3082092902010002820201008e0e859984523ab396b5d22b285384d25d7952c5602cab947eed10c2800bb70205b2629c"
    "b52d81867d1b549ce69b3ea34c791db452a11cb135c1b65bb912c662d760ddfbe7ed54633d3a8e21707c181d79572004"
    "de4a6375099dd2a17a03e829bfb691b0e270c52e7aa460f9d93b95e2b94934949f8aee281e9bf49cd3c66d5b58732e4c"
    "ee599cf5fdeed17e9f66caebfa062d7311190195fb0ab0e34bfa8f991518a86d2bf2c6d5e97607cf0156f32d2b2b755a"
    "5ebca45a2b7004f16949eeb144cd38525b9c91ceec8c2986490212af21060b8598578a6150940550703835a77e27b1cf"
    "29f6e6007167cacd024d546be69513bff6105cb512f0a062d456d42c465ac95fc8c6044c1b11124322c2e164c2842d7e"
    "c117eece8213c7d0c6f69cb56aabd980b5f47610c589b74b3a660b8df78c487c6d1087ff00db8a1bbe0c2ca342e28fbc"
    "2b922c1a72c6646933dfe0c4c9aab467a135d831d09176c36cb2ff6ea6a3ccf939d12f3c876300dd04719b6cdca2a040"
    "ea727c0fa2c337f6d307d4526d41c3e4270535bc885a06b82c822414ceeee09611faa9482e5c32f21ce3057d202dce89"
    "aa6151ea992504e74bda9eef23d763f95ad1127e4b8b82ab9fa917d0af3c8423a510728c7de9080a71373f400868cc3c"
    "111611438aa22579dc3c0ae7a4515e47474ba5f2e3562323c649ee75164f0b881d9505cbe4fb1da3098b001b02030100"
    "010282020003efb31405eea161c893513790ee7f87b4bf5fe3c83e74a2b0c1b0ed32cf204b160d535e34470687cb7fae"
    "608aa352a103c577653fc4e71ea1f6b42ee679f6b5567280b43241094d96acc0b37c8273c89d4c24befdc9e1e7a45493"
    "39963ff576f2b104687a5dd598ec1d11f2da6a24451c0d433fbb0c067d661bbc337c4acb4cf4ae7c61f558d6589aa8bb"
    "755ec5626a178b8446e3fa6568da83f952d310265a7f9327579f18231a5a55c2f1a17fdf4d291d132b65e4a4493b5ae7"
    "48293abb3a7e459181f6b7e7f26beb965afa3aec799dd8a50916a796560bfd8e082493ea28b1fe37971dfa917501af76"
    "9727b12cddb08e00f618c36b4e393021c19b50aca062e0e0569b79d5b76c0cb385a529a8b4d5a62b1105377c543955c5"
    "7eddace6aa310631fbdc196c0dd0f1c280c50fb9e6269ab366c3d9e84ac7554bef3c4a1d919f32f015828c8ebf639ff1"
    "7dee2a49eb2a3b601e5e4863e537f6fdce64e982474b027f44f3cb3bfd807bf87c7e282e43ed12563b29d5c7d6782a31"
    "d8b0455ff512e1dcf915be648debc2a519dcdf473c987fa2da66c483e453c6ece6c22d08414677f8eae7d9e7d62e8310"
    "2a7efbe0e8906784aca47d440ee6491723c097c053f634e79b67d3f6cf74fd5025ac76e1e15658b420dae761e2a4f263"
    "f3bfa4c780f5d24ec7defe43a4d8165b24b2eb32b1bbc772bfe2469309c970c5fb302119010282010100c15a5881d567"
    "d35b6eee37ce68e0ae36db852a9179cb0b4e98b780987dbfacd0764b2dda96c86d5d1fa46b81e4e55574e30a48a762a3"
    "debcfa29b8e52f72a84c2c0e346898551c4a4d849d2b6715baba5ea0fdc42f61789e45f7ade1d0451af1ec22397d6ded"
    "2120b53c4af1e28593721aca56eb26946c371a89f3661a3dd1ef31866c4092d85230d51bc6b78a33cfc7130ff5070d2a"
    "f4b2a472fef17925597b8da57e21d333b01ab5faa8104532e5595bcea81aa1a2f9d60755487353b1f78a0c17d50e7adc"
    "9160354ff3828ec8ff4250fa93cd26f8c08054e6351e7b00b59adb14ea9d190f7a806a0c50dc7543d8e5beb3f27f80d6"
    "9ef78fa6629900b15c4b0282010100bc156a2c5b0f1491b1319313a48deb3727fb86fd06f27354422bf31cc5dd3b94ed"
    "8e7bfe5b537bd70811eb9222af188304996640485b292944b5de1b75994146a0e6807aace2a8a192be3cd3d6e8960c16"
    "a985e6351b1d603f9355175c2936b33e337099d060236ea4d56024d6d4da4a5b76d587607df7905b051b8f4bab871e0a"
    "42b171931f0827492792d21e32af1b05b4b885c4aea02a72e5b967652e1ac3b9d3f5c7975887dc8683a43b84109f053e"
    "6fc56ee96788d86df0ab70b8dd0ed6118a7d6af428cb436e44e6ffe76d5b06b4e3286ccba1b71a3626f2dff2a334e9eb"
    "bc5dee28dbf05da5f2876a8ccf292a0f4357277b20e5163d4988dc1023e9710282010100a4baaf2b3640b5ae716d1d38"
    "8adbd9313d874fc40f4ab0c06e95f0467ae4017cbd3bc1be38b65b8e7a35dfae13f05b0531a5824eb158419d2958c080"
    "ea12ba55e336dae9bdd6cd3a749ea634e3277d25e91729fcaa0d55f12a5520dc814f4eec8bac80e45ef22746318243ab"
    "9ebd04e8b2f06e6afb3c7a91dbd769fa342335279f3f121d55be5d0fe3903d960375aef0c149d80d00e7f6fff7e14d59"
    "37485ddb48cb95118659c4108db816d57dcf25dd22bd8734e13ef3b1a81fbd911bde44b265292cc8a05e28b119da9af1"
    "416af7266dcd7e7ccb5624d371018c8202739145749f765f0f89c369827029b819640b777928e05246d7132a8145553d"
    "5b7cbfcf02820101008701501eda95ee8bcd86ea2d9556915a1c06fe142da2668a3a9d557a77c49f79fd32e369e69ffc"
    "2a938e596ba21dd1186a7ab9dcb69348ee6875ab2246bd650f8f7b2509e98320cc298b081a7f0ea075b8e6a24866223a"
    "69d5f8a9818513c841cd0a1b6f2d1575197c93f4d93ca3b8b4db0667ab2ee5fc87cfedd0a4810a7488699109d19e6b0d"
    "ed352384cdf2032b91d7fcaadeca1916baa192a80cc1a1e07051b90598e8d8115d87e882407e417803c9976d3e79a769"
    "a100f959f6259bf7844d3efd5b823aadfc8ef04267b9f4d2fbf36782a2e56005107982679fbc88cdf882cfc914a49b8a"
    "e38db492e3368394e6ade206733e7c9433ec761618f034f6e1028201001efd877f3b243d3fd06276ac37840e65dcdd66"
    "a992e05c5d16004bcb08dff282fe1b8f0d0409f388dfca86ba388ee358ae607d69d35deb7897803671e40902854764aa"
    "209eec0fefa5a64e4891159dcd4f6d2c4f1e88d731248bf7577d58da59e199cc80f234edf601f6e234f3c04c72ab26da"
    "6ab2a18bb663fbc571c9b8aa071554b42f4b85e874f394d144892de5c19c0eb5c1b32caf879fa641a2fb8ff17fe67533"
    "d0dafac09e8e0f7c04ed7900649c2b2100e99eb537c7688caa2dc48ae10a60b4ae121c030c7561f3babeebb1b31326aa"
    "d6c5b8c14c397c5aca4d56a474449c30c8446c7c1d1afd81d2027ec92ee46a5347e8bf88bf778a5f79ada97a4c";
static const char P4096[] =
    "3082020a02820201008e0e859984523ab396b5d22b285384d25d7952c5602cab947eed10c2800bb70205b2629cb52d81"
    "867d1b549ce69b3ea34c791db452a11cb135c1b65bb912c662d760ddfbe7ed54633d3a8e21707c181d79572004de4a63"
    "75099dd2a17a03e829bfb691b0e270c52e7aa460f9d93b95e2b94934949f8aee281e9bf49cd3c66d5b58732e4cee599c"
    "f5fdeed17e9f66caebfa062d7311190195fb0ab0e34bfa8f991518a86d2bf2c6d5e97607cf0156f32d2b2b755a5ebca4"
    "5a2b7004f16949eeb144cd38525b9c91ceec8c2986490212af21060b8598578a6150940550703835a77e27b1cf29f6e6"
    "007167cacd024d546be69513bff6105cb512f0a062d456d42c465ac95fc8c6044c1b11124322c2e164c2842d7ec117ee"
    "ce8213c7d0c6f69cb56aabd980b5f47610c589b74b3a660b8df78c487c6d1087ff00db8a1bbe0c2ca342e28fbc2b922c"
    "1a72c6646933dfe0c4c9aab467a135d831d09176c36cb2ff6ea6a3ccf939d12f3c876300dd04719b6cdca2a040ea727c"
    "0fa2c337f6d307d4526d41c3e4270535bc885a06b82c822414ceeee09611faa9482e5c32f21ce3057d202dce89aa6151"
    "ea992504e74bda9eef23d763f95ad1127e4b8b82ab9fa917d0af3c8423a510728c7de9080a71373f400868cc3c111611"
    "438aa22579dc3c0ae7a4515e47474ba5f2e3562323c649ee75164f0b881d9505cbe4fb1da3098b001b0203010001";
/* PKCS#1 v1.5 SHA-256 signature of "abc" with K2048, computed independently by OpenSSL
 * (openssl dgst -sha256 -sign). */
static const char KAT_SIG[] =
    "21cfc63ad50030e013549683253694a2043414b808bd9eac78804b19dcd3916e062375c640815aac0098ec5ea205e192"
    "c5f50a469b92e2187430f9cd3f62dc42a7723eeb98253d2f2ae0e23a2ae435a0de3872840ce226db3b32fd0e0c77f713"
    "7d814dd3d358da083892ebcf68234b146f458410a5f926e445a01736de5bda71a459c414f671d5cd81ded2d094b17b6f"
    "fbba662661936146834fb42b387c33ed69f3c27a0308ce29f236cfc339c76b1ed9dd3c0810458dc192ec0e489d957861"
    "e175527cee4751fcfde6c82a493d7814d11d9f44e2220750d0f5eac82253d36136f35e65860bd5b61dafbd13d3595b46"
    "e6497994d3b35ed6c27abec41e247f42";

static const psa_algorithm_t hashes[] = {PSA_ALG_SHA_1, PSA_ALG_SHA_224, PSA_ALG_SHA_256,
                                         PSA_ALG_SHA_384, PSA_ALG_SHA_512};
#define N_HASHES (sizeof(hashes) / sizeof(hashes[0]))

static uint8_t buf_a[8192], buf_b[8192];

static size_t unhex_to(const char *hex, uint8_t *out, size_t size)
{
    size_t n = ct_unhex(hex, out, size);
    if (n == 0 || n == (size_t)-1) {
        FAIL("bad hex literal");
        return 0;
    }
    return n;
}

static void test_import_export(void)
{
    const char *pairs[] = {K1024, K2048, K4096}, *pubs[] = {P1024, P2048, P4096};
    const size_t bits[] = {1024, 2048, 4096};
    size_t i;
    for (i = 0; i < 3; i++) {
        uint8_t key[2400], pub[600], out[2400];
        size_t kl = unhex_to(pairs[i], key, sizeof(key)), pl = unhex_to(pubs[i], pub, sizeof(pub));
        size_t ol = 0;
        psa_key_id_t k = 0, p = 0;
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_USAGE_EXPORT, 0, key, kl, &k),
                     PSA_SUCCESS);
        CHECK_STATUS(psa_get_key_attributes(k, &a), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&a) == bits[i]);
        CHECK(psa_get_key_type(&a) == PSA_KEY_TYPE_RSA_KEY_PAIR);
        CHECK_STATUS(psa_export_key(k, out, sizeof(out), &ol), PSA_SUCCESS);
        CHECK_MEM(out, ol, key, kl);
        CHECK(ol <= PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_RSA_KEY_PAIR, bits[i]));
        CHECK_STATUS(psa_export_public_key(k, out, sizeof(out), &ol), PSA_SUCCESS);
        CHECK_MEM(out, ol, pub, pl);
        CHECK(ol <= PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_RSA_KEY_PAIR, bits[i]));
        CHECK_STATUS(psa_export_key(k, out, kl - 1, &ol), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_export_public_key(k, out, pl - 1, &ol), PSA_ERROR_BUFFER_TOO_SMALL);
        /* Public keys export without any usage flag. */
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, 0, 0, pub, pl, &p), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(p, out, sizeof(out), &ol), PSA_SUCCESS);
        CHECK_MEM(out, ol, pub, pl);
        CHECK_STATUS(psa_export_public_key(p, out, sizeof(out), &ol), PSA_SUCCESS);
        CHECK_MEM(out, ol, pub, pl);
        /* Bits in the attributes must match the key. */
        a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, bits[i] + 8, 0, 0);
        CHECK_STATUS(psa_import_key(&a, key, kl, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK(k == 0);
        a = ct_attrs(PSA_KEY_TYPE_RSA_PUBLIC_KEY, bits[i], 0, 0);
        CHECK_STATUS(psa_import_key(&a, pub, pl, &p), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(p), PSA_SUCCESS);
        /* Garbage: truncated, a pair as a public key, a flipped byte. */
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, 0, key, kl - 1, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, 0, 0, key, kl, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, 0, pub, pl, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        key[kl / 2] ^= 0x01;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, 0, key, kl, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
    }
    {
        static const uint8_t garbage[] = {0x30, 0x03, 0x02, 0x01, 0x00};
        psa_key_id_t k = 0;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, 0, garbage, sizeof(garbage), &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, 0, 0, garbage, sizeof(garbage), &k),
                     PSA_ERROR_INVALID_ARGUMENT);
    }
}

static psa_key_id_t import_hex(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg,
                               const char *hex)
{
    uint8_t der[2400];
    size_t n = unhex_to(hex, der, sizeof(der));
    psa_key_id_t k = 0;
    CHECK_STATUS(ct_import(type, usage, alg, der, n, &k), PSA_SUCCESS);
    return k;
}

static void test_signatures(void)
{
    const psa_algorithm_t kat_alg = PSA_ALG_RSA_PKCS1V15_SIGN(PSA_ALG_SHA_256);
    const psa_key_usage_t sv = PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH;
    uint8_t hash[PSA_HASH_MAX_SIZE], sig[512], expected[256];
    size_t hl = 0, sl = 0, el = unhex_to(KAT_SIG, expected, sizeof(expected)), i;
    psa_key_id_t k = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, sv, kat_alg, K2048);
    psa_key_id_t p = import_hex(PSA_KEY_TYPE_RSA_PUBLIC_KEY, PSA_KEY_USAGE_VERIFY_HASH, kat_alg, P2048);
    psa_key_id_t nosign = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_USAGE_VERIFY_HASH, kat_alg, K2048);
    psa_key_id_t any = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, sv, PSA_ALG_RSA_PSS(PSA_ALG_ANY_HASH), K2048);

    /* Known answer: PKCS#1 v1.5 is deterministic. */
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, (const uint8_t *)"abc", 3, hash, sizeof(hash), &hl),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(k, kat_alg, hash, hl, sig, sizeof(sig), &sl), PSA_SUCCESS);
    CHECK_MEM(sig, sl, expected, el);
    CHECK(sl == PSA_SIGN_OUTPUT_SIZE(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, kat_alg));
    CHECK_STATUS(psa_verify_hash(p, kat_alg, hash, hl, expected, el), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(k, kat_alg, hash, hl, expected, el), PSA_SUCCESS);
    expected[100] ^= 0x80;
    CHECK_STATUS(psa_verify_hash(p, kat_alg, hash, hl, expected, el), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_hash(p, kat_alg, hash, hl, expected, el - 1), PSA_ERROR_INVALID_SIGNATURE);
    /* Errors: buffer, usage, policy, public key signing. */
    CHECK_STATUS(psa_sign_hash(k, kat_alg, hash, hl, sig, 255, &sl), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_hash(nosign, kat_alg, hash, hl, sig, sizeof(sig), &sl), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_RSA_PSS(PSA_ALG_SHA_256), hash, hl, sig, sizeof(sig), &sl),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS2(psa_sign_hash(p, kat_alg, hash, hl, sig, sizeof(sig), &sl), PSA_ERROR_NOT_PERMITTED,
                  PSA_ERROR_INVALID_ARGUMENT);
    /* PSS with every hash through a wildcard policy. */
    for (i = 0; i < N_HASHES; i++) {
        psa_algorithm_t alg = PSA_ALG_RSA_PSS(hashes[i]);
        /* Any bytes of the hash's length stand for a digest. */
        hl = PSA_HASH_LENGTH(hashes[i]);
        memset(hash, 0xa0 + (int)i, hl);
        CHECK_STATUS(psa_sign_hash(any, alg, hash, hl, sig, sizeof(sig), &sl), PSA_SUCCESS);
        CHECK(sl == 256);
        CHECK_STATUS(psa_verify_hash(any, alg, hash, hl, sig, sl), PSA_SUCCESS);
        sig[0] ^= 1;
        CHECK_STATUS(psa_verify_hash(any, alg, hash, hl, sig, sl), PSA_ERROR_INVALID_SIGNATURE);
        /* The hash must have the algorithm's length. */
        CHECK_STATUS(psa_sign_hash(any, alg, hash, hl - 1, sig, sizeof(sig), &sl),
                     PSA_ERROR_INVALID_ARGUMENT);
    }
    psa_destroy_key(k);
    psa_destroy_key(p);
    psa_destroy_key(nosign);
    psa_destroy_key(any);
}

static void test_encryption(void)
{
    const psa_key_usage_t ed = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
    static const uint8_t label[] = {0x00, 0xff, 'l', 'a', 'b', 'e', 'l'};
    static const uint8_t msg[] = "attack at dawn";
    size_t i, l, cl = 0, pl = 0;
    for (i = 0; i <= N_HASHES; i++) {
        psa_algorithm_t alg = i < N_HASHES ? PSA_ALG_RSA_OAEP(hashes[i]) : PSA_ALG_RSA_PKCS1V15_CRYPT;
        psa_key_id_t k = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, ed, alg, K2048);
        psa_key_id_t p = import_hex(PSA_KEY_TYPE_RSA_PUBLIC_KEY, PSA_KEY_USAGE_ENCRYPT, alg, P2048);
        size_t esize = PSA_ASYMMETRIC_ENCRYPT_OUTPUT_SIZE(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, alg);
        size_t dsize = PSA_ASYMMETRIC_DECRYPT_OUTPUT_SIZE(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, alg);
        for (l = 0; l < (i < N_HASHES ? 2u : 1u); l++) {
            const uint8_t *s = l ? label : NULL;
            size_t sl = l ? sizeof(label) : 0;
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, msg, sizeof(msg), s, sl, buf_a, esize, &cl),
                         PSA_SUCCESS);
            CHECK(cl == 256);
            CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, cl, s, sl, buf_b, dsize, &pl), PSA_SUCCESS);
            CHECK_MEM(buf_b, pl, msg, sizeof(msg));
            /* A key pair encrypts too. */
            CHECK_STATUS(psa_asymmetric_encrypt(k, alg, msg, 1, s, sl, buf_a, esize, &cl), PSA_SUCCESS);
            CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, cl, s, sl, buf_b, dsize, &pl), PSA_SUCCESS);
            CHECK_MEM(buf_b, pl, msg, 1);
            /* Buffers too small. */
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, msg, sizeof(msg), s, sl, buf_a, esize - 1, &cl),
                         PSA_ERROR_BUFFER_TOO_SMALL);
            CHECK(cl == 0);
            CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, 256, s, sl, buf_b, 0, &pl),
                         PSA_ERROR_BUFFER_TOO_SMALL);
            /* Decrypting needs the private key. */
            CHECK_STATUS(psa_asymmetric_decrypt(p, alg, buf_a, 256, s, sl, buf_b, dsize, &pl),
                         PSA_ERROR_NOT_PERMITTED);
            if (i < N_HASHES) {
                /* Wrong label, corrupted ciphertext: one status for every padding failure. */
                CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, 256, l ? NULL : label,
                                                    l ? 0 : sizeof(label), buf_b, dsize, &pl),
                             PSA_ERROR_INVALID_PADDING);
                buf_a[17] ^= 0x20;
                CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, 256, s, sl, buf_b, dsize, &pl),
                             PSA_ERROR_INVALID_PADDING);
                CHECK(pl == 0);
            }
        }
        if (i == N_HASHES) {
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, msg, sizeof(msg), label, 1, buf_a, 256, &cl),
                         PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, 256, label, 1, buf_b, 256, &pl),
                         PSA_ERROR_INVALID_ARGUMENT);
            /* Longest message: k - 11 bytes. */
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, buf_b, 245, NULL, 0, buf_a, 256, &cl), PSA_SUCCESS);
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, buf_b, 246, NULL, 0, buf_a, 256, &cl),
                         PSA_ERROR_INVALID_ARGUMENT);
        } else {
            size_t max = 256 - 2 * PSA_HASH_LENGTH(hashes[i]) - 2;
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, buf_b, max, NULL, 0, buf_a, 256, &cl), PSA_SUCCESS);
            CHECK_STATUS(psa_asymmetric_decrypt(k, alg, buf_a, cl, NULL, 0, buf_a + 256, 256, &pl),
                         PSA_SUCCESS);
            CHECK_MEM(buf_a + 256, pl, buf_b, max);
            CHECK_STATUS(psa_asymmetric_encrypt(p, alg, buf_b, max + 1, NULL, 0, buf_a, 256, &cl),
                         PSA_ERROR_INVALID_ARGUMENT);
        }
        psa_destroy_key(k);
        psa_destroy_key(p);
    }
    {
        psa_algorithm_t oaep = PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256);
        psa_key_id_t k = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, ed, oaep, K2048);
        psa_key_id_t p = import_hex(PSA_KEY_TYPE_RSA_PUBLIC_KEY, ed, oaep, P2048);
        psa_key_id_t enc_only = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_USAGE_ENCRYPT, oaep, K2048);
        psa_key_id_t wild = import_hex(PSA_KEY_TYPE_RSA_KEY_PAIR, ed, PSA_ALG_RSA_OAEP(PSA_ALG_SHA3_256), K2048);
        psa_key_id_t aes = 0;
        static const uint8_t aes_key[16] = {0};
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ed, oaep, aes_key, 16, &aes), PSA_SUCCESS);
        /* Decrypt with a public key: usage allows it, the key cannot. */
        CHECK_STATUS(psa_asymmetric_decrypt(p, oaep, buf_a, 256, NULL, 0, buf_b, 256, &pl),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_asymmetric_decrypt(enc_only, oaep, buf_a, 256, NULL, 0, buf_b, 256, &pl),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_asymmetric_encrypt(k, PSA_ALG_RSA_PKCS1V15_CRYPT, msg, 1, NULL, 0, buf_a, 256, &cl),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_asymmetric_encrypt(k, PSA_ALG_SHA_256, msg, 1, NULL, 0, buf_a, 256, &cl),
                     PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_asymmetric_encrypt(k, PSA_ALG_RSA_OAEP(PSA_ALG_ANY_HASH), msg, 1, NULL, 0, buf_a,
                                            256, &cl),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_asymmetric_encrypt(aes, oaep, msg, 1, NULL, 0, buf_a, 256, &cl),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_asymmetric_encrypt(wild, PSA_ALG_RSA_OAEP(PSA_ALG_SHA3_256), msg, 1, NULL, 0, buf_a,
                                            256, &cl),
                     PSA_ERROR_NOT_SUPPORTED);
        CHECK_STATUS(psa_asymmetric_encrypt(0x3fff0000u, oaep, msg, 1, NULL, 0, buf_a, 256, &cl),
                     PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, NULL, 1, NULL, 0, buf_a, 256, &cl),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, msg, 1, NULL, 0, buf_a, 256, NULL),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* Wrong ciphertext length. */
        CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, msg, 1, NULL, 0, buf_a, 256, &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_asymmetric_decrypt(k, oaep, buf_a, 255, NULL, 0, buf_b, 256, &pl),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* An empty message round-trips. */
        CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, NULL, 0, NULL, 0, buf_a, 256, &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_asymmetric_decrypt(k, oaep, buf_a, cl, NULL, 0, NULL, 0, &pl), PSA_SUCCESS);
        CHECK(pl == 0);
        psa_destroy_key(k);
        psa_destroy_key(p);
        psa_destroy_key(enc_only);
        psa_destroy_key(wild);
        psa_destroy_key(aes);
    }
}

static void test_generation(void)
{
    const psa_algorithm_t oaep = PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256);
    const psa_key_usage_t ed = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, ed, oaep);
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    psa_custom_key_parameters_t custom = {0};
    static const uint8_t e3[] = {0x03}, e_even[] = {0x01, 0x00}, e65537[] = {0x01, 0x00, 0x01};
    uint8_t pub[600], der[2400];
    size_t publ = 0, derl = 0, cl = 0, pl = 0;
    psa_key_id_t k = 0, p = 0;

    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&got) == 2048);
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof(pub), &publ), PSA_SUCCESS);
    CHECK(publ >= 5 && memcmp(pub + publ - 5, "\x02\x03\x01\x00\x01", 5) == 0);
    CHECK_STATUS(psa_export_key(k, der, sizeof(der), &derl), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, PSA_KEY_USAGE_ENCRYPT, oaep, pub, publ, &p),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_asymmetric_encrypt(p, oaep, (const uint8_t *)"hi", 2, NULL, 0, buf_a, 256, &cl),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_asymmetric_decrypt(k, oaep, buf_a, cl, NULL, 0, buf_b, 256, &pl), PSA_SUCCESS);
    CHECK_MEM(buf_b, pl, "hi", 2);
    psa_destroy_key(k);
    psa_destroy_key(p);
    /* Re-importing the exported pair works (canonical encoding). */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, 0, der, derl, &k), PSA_SUCCESS);
    psa_destroy_key(k);

    /* Custom public exponent 3 (big-endian custom data). */
    CHECK_STATUS(psa_generate_key_custom(&a, &custom, e3, sizeof(e3), &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof(pub), &publ), PSA_SUCCESS);
    CHECK(publ >= 3 && memcmp(pub + publ - 3, "\x02\x01\x03", 3) == 0);
    CHECK_STATUS(psa_asymmetric_encrypt(k, oaep, (const uint8_t *)"e3", 2, NULL, 0, buf_a, 256, &cl),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_asymmetric_decrypt(k, oaep, buf_a, cl, NULL, 0, buf_b, 256, &pl), PSA_SUCCESS);
    CHECK_MEM(buf_b, pl, "e3", 2);
    psa_destroy_key(k);
    CHECK_STATUS(psa_generate_key_custom(&a, &custom, e65537, sizeof(e65537), &k), PSA_SUCCESS);
    psa_destroy_key(k);
    /* Empty data: the default exponent, like psa_generate_key. */
    CHECK_STATUS(psa_generate_key_custom(&a, &custom, NULL, 0, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    CHECK_STATUS(psa_generate_key_custom(&a, &custom, e_even, sizeof(e_even), &k),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK(k == 0);
    custom.flags = 1;
    CHECK_STATUS(psa_generate_key_custom(&a, &custom, NULL, 0, &k), PSA_ERROR_INVALID_ARGUMENT);
    custom.flags = 0;
    CHECK_STATUS(psa_generate_key_custom(&a, NULL, NULL, 0, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_generate_key_custom(&a, &custom, e3, sizeof(e3), NULL), PSA_ERROR_INVALID_ARGUMENT);
    {
        psa_key_attributes_t aes = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_ENCRYPT, 0);
        CHECK_STATUS(psa_generate_key_custom(&aes, &custom, e3, sizeof(e3), &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_generate_key_custom(&aes, &custom, NULL, 0, &k), PSA_SUCCESS);
        psa_destroy_key(k);
    }
    /* Sizes: none, unsupported, public key type. */
    a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, ed, oaep);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 512, ed, oaep);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    a = ct_attrs(PSA_KEY_TYPE_RSA_PUBLIC_KEY, 2048, ed, oaep);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
}

int main(void)
{
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    test_import_export();
    test_signatures();
    test_encryption();
    test_generation();
    mbedtls_psa_crypto_free();
    return report();
}
