/* ctests/test_mac_full.c - every MAC rustpsa implements, one-shot and multi-part:
 * HMAC known answers (RFC 4231 for SHA-224/256/384/512, RFC 2202 for SHA-1 and
 * MD5, cross-checked values for the other hashes), AES-CMAC (RFC 4493 and the
 * SP 800-38B AES-192/256 examples), truncated MACs, multi-part under chunking,
 * and every error path of the multi-part MAC functions. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    psa_algorithm_t alg;
    psa_key_type_t type;
    const char *key_hex, *msg_hex, *mac_hex;
    size_t truncated; /* 0: full length */
} mac_kat_t;

static const mac_kat_t kats[] = {
    {"RFC 4231 sha224 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22", 0},
    {"RFC 4231 sha224 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44", 0},
    {"RFC 4231 sha224 case 3", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea", 0},
    {"RFC 4231 sha224 case 4", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a", 0},
    {"RFC 4231 sha224 case 5", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "0e2aea68a90c8d37c988bcdb9fca6fa8", 16},
    {"RFC 4231 sha224 case 6", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e", 0},
    {"RFC 4231 sha224 case 7", PSA_ALG_HMAC(PSA_ALG_SHA_224), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
     "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1", 0},
    {"RFC 4231 sha256 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", 0},
    {"RFC 4231 sha256 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 0},
    {"RFC 4231 sha256 case 3", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", 0},
    {"RFC 4231 sha256 case 4", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", 0},
    {"RFC 4231 sha256 case 5", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "a3b6167473100ee06e0c796c2955552b", 16},
    {"RFC 4231 sha256 case 6", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", 0},
    {"RFC 4231 sha256 case 7", PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", 0},
    {"RFC 4231 sha384 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6", 0},
    {"RFC 4231 sha384 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649", 0},
    {"RFC 4231 sha384 case 3", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27", 0},
    {"RFC 4231 sha384 case 4", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb", 0},
    {"RFC 4231 sha384 case 5", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "3abf34c3503b2a23a46efc619baef897", 16},
    {"RFC 4231 sha384 case 6", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952", 0},
    {"RFC 4231 sha384 case 7", PSA_ALG_HMAC(PSA_ALG_SHA_384), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
     "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e", 0},
    {"RFC 4231 sha512 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854", 0},
    {"RFC 4231 sha512 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737", 0},
    {"RFC 4231 sha512 case 3", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb", 0},
    {"RFC 4231 sha512 case 4", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd", 0},
    {"RFC 4231 sha512 case 5", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "415fad6271580a531d4179bc891d87a6", 16},
    {"RFC 4231 sha512 case 6", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598", 0},
    {"RFC 4231 sha512 case 7", PSA_ALG_HMAC(PSA_ALG_SHA_512), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
     "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58", 0},
    {"RFC 2202 sha1 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "b617318655057264e28bc0b6fb378c8ef146be00", 0},
    {"RFC 2202 sha1 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", 0},
    {"RFC 2202 sha1 case 3", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "125d7342b9ac11cd91a39af48aa17b4f63f175d3", 0},
    {"RFC 2202 sha1 case 4", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "4c9007f4026250c6bc8414f9bf50c86c2d7235da", 0},
    {"RFC 2202 sha1 case 5", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04", 0},
    {"RFC 2202 sha1 case 6", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "aa4ae5e15272d00e95705637ce8a3b55ed402112", 0},
    {"RFC 2202 sha1 case 7", PSA_ALG_HMAC(PSA_ALG_SHA_1), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b657920616e64204c6172676572205468616e204f6e6520426c6f636b2d53697a652044617461",
     "e8e99d0f45237d786d6bbaa7965c7808bbff1a91", 0},
    {"RFC 2202 md5 case 1", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "9294727a3638bb1c13f48ef8158bfc9d", 0},
    {"RFC 2202 md5 case 2", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "750c783e6ab0b503eaa86e310a5db738", 0},
    {"RFC 2202 md5 case 3", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "56be34521d144c88dbb8c733f0e8b3f6", 0},
    {"RFC 2202 md5 case 4", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "697eaf0aca3a3aea3a75164746ffaa79", 0},
    {"RFC 2202 md5 case 5", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c",
     "546573742057697468205472756e636174696f6e",
     "56461ef2342edc00f9bab995690efd4c", 0},
    {"RFC 2202 md5 case 6", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd", 0},
    {"RFC 2202 md5 case 7", PSA_ALG_HMAC(PSA_ALG_MD5), PSA_KEY_TYPE_HMAC, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b657920616e64204c6172676572205468616e204f6e6520426c6f636b2d53697a652044617461",
     "6f630fad67cda0ee1fb1f562db3aa53e", 0},
    {"cross-check ripemd160 case 1", PSA_ALG_HMAC(PSA_ALG_RIPEMD160), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "24cb4bd67d20fc1a5d2ed7732dcc39377f0a5668", 0},
    {"cross-check ripemd160 case 2", PSA_ALG_HMAC(PSA_ALG_RIPEMD160), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "dda6c0213a485a9e24f4742064a7f033b43c4069", 0},
    {"cross-check sha512_224 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_512_224), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "b244ba01307c0e7a8ccaad13b1067a4cf6b961fe0c6a20bda3d92039", 0},
    {"cross-check sha512_224 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_512_224), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "4a530b31a79ebcce36916546317c45f247d83241dfb818fd37254bde", 0},
    {"cross-check sha512_256 case 1", PSA_ALG_HMAC(PSA_ALG_SHA_512_256), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "9f9126c3d9c3c330d760425ca8a217e31feae31bfe70196ff81642b868402eab", 0},
    {"cross-check sha512_256 case 2", PSA_ALG_HMAC(PSA_ALG_SHA_512_256), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "6df7b24630d5ccb2ee335407081a87188c221489768fa2020513b2d593359456", 0},
    {"cross-check sha3_224 case 1", PSA_ALG_HMAC(PSA_ALG_SHA3_224), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "3b16546bbc7be2706a031dcafd56373d9884367641d8c59af3c860f7", 0},
    {"cross-check sha3_224 case 2", PSA_ALG_HMAC(PSA_ALG_SHA3_224), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "7fdb8dd88bd2f60d1b798634ad386811c2cfc85bfaf5d52bbace5e66", 0},
    {"cross-check sha3_256 case 1", PSA_ALG_HMAC(PSA_ALG_SHA3_256), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "ba85192310dffa96e2a3a40e69774351140bb7185e1202cdcc917589f95e16bb", 0},
    {"cross-check sha3_256 case 2", PSA_ALG_HMAC(PSA_ALG_SHA3_256), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "c7d4072e788877ae3596bbb0da73b887c9171f93095b294ae857fbe2645e1ba5", 0},
    {"cross-check sha3_384 case 1", PSA_ALG_HMAC(PSA_ALG_SHA3_384), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "68d2dcf7fd4ddd0a2240c8a437305f61fb7334cfb5d0226e1bc27dc10a2e723a20d370b47743130e26ac7e3d532886bd", 0},
    {"cross-check sha3_384 case 2", PSA_ALG_HMAC(PSA_ALG_SHA3_384), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "f1101f8cbf9766fd6764d2ed61903f21ca9b18f57cf3e1a23ca13508a93243ce48c045dc007f26a21b3f5e0e9df4c20a", 0},
    {"cross-check sha3_512 case 1", PSA_ALG_HMAC(PSA_ALG_SHA3_512), PSA_KEY_TYPE_HMAC, "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
     "4869205468657265",
     "eb3fbd4b2eaab8f5c504bd3a41465aacec15770a7cabac531e482f860b5ec7ba47ccb2c6f2afce8f88d22b6dc61380f23a668fd3888bb80537c0a0b86407689e", 0},
    {"cross-check sha3_512 case 2", PSA_ALG_HMAC(PSA_ALG_SHA3_512), PSA_KEY_TYPE_HMAC, "4a656665",
     "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5a4bfeab6166427c7a3647b747292b8384537cdb89afb3bf5665e4c5e709350b287baec921fd7ca0ee7a0c31d022a95e1fc92ba9d77df883960275beb4e62024", 0},
    {"RFC 4493 AES-CMAC-128 length 0", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "2b7e151628aed2a6abf7158809cf4f3c",
     "",
     "bb1d6929e95937287fa37d129b756746", 0},
    {"RFC 4493 AES-CMAC-128 length 16", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "2b7e151628aed2a6abf7158809cf4f3c",
     "6bc1bee22e409f96e93d7e117393172a",
     "070a16b46b4d4144f79bdd9dd04a287c", 0},
    {"RFC 4493 AES-CMAC-128 length 40", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "2b7e151628aed2a6abf7158809cf4f3c",
     "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411",
     "dfa66747de9ae63030ca32611497c827", 0},
    {"RFC 4493 AES-CMAC-128 length 64", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "2b7e151628aed2a6abf7158809cf4f3c",
     "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
     "51f0bebf7e3b9d92fc49741779363cfe", 0},
    {"SP 800-38B AES-CMAC-192 length 0", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
     "",
     "d17ddf46adaacde531cac483de7a9367", 0},
    {"SP 800-38B AES-CMAC-192 length 16", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
     "6bc1bee22e409f96e93d7e117393172a",
     "9e99a7bf31e710900662f65e617c5184", 0},
    {"SP 800-38B AES-CMAC-192 length 64", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
     "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
     "a1d5df0eed790f794d77589659f39a11", 0},
    {"SP 800-38B AES-CMAC-256 length 0", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     "",
     "028962f61b7bf89efc6b551f4667d983", 0},
    {"SP 800-38B AES-CMAC-256 length 16", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     "6bc1bee22e409f96e93d7e117393172a",
     "28a7023f452e8f82bd4bf28d8c37c35c", 0},
    {"SP 800-38B AES-CMAC-256 length 64", PSA_ALG_CMAC, PSA_KEY_TYPE_AES, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
     "e1992190549f6ed5696a2c056c315410", 0},
};
#define NKATS (sizeof kats / sizeof kats[0])

static const psa_key_usage_t BOTH = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;

static void test_known_answers(void)
{
    size_t i, j;
    for (i = 0; i < NKATS; i++) {
        const mac_kat_t *v = &kats[i];
        uint8_t key[160], msg[200], want[64], out[PSA_MAC_MAX_SIZE];
        size_t klen = ct_unhex(v->key_hex, key, sizeof key);
        size_t mlen = ct_unhex(v->msg_hex, msg, sizeof msg);
        size_t wlen = ct_unhex(v->mac_hex, want, sizeof want), olen = 0;
        psa_algorithm_t alg = v->truncated ? PSA_ALG_TRUNCATED_MAC(v->alg, v->truncated) : v->alg;
        psa_key_id_t k = 0;
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        fprintf(stderr, "# %s\n", v->name);
        if (!CHECK_STATUS(ct_import(v->type, BOTH, alg, key, klen, &k), PSA_SUCCESS))
            continue;
        CHECK(PSA_MAC_LENGTH(v->type, klen * 8, alg) == wlen);
        if (CHECK_STATUS(psa_mac_compute(k, alg, msg, mlen, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, want, wlen);
        CHECK_STATUS(psa_mac_verify(k, alg, msg, mlen, want, wlen), PSA_SUCCESS);
        /* multi-part sign, in chunks of 1, 7 and everything */
        for (j = 0; j < 3; j++) {
            size_t step = j == 0 ? 1 : j == 1 ? 7 : (mlen ? mlen : 1), pos;
            if (!CHECK_STATUS(psa_mac_sign_setup(&op, k, alg), PSA_SUCCESS))
                break;
            for (pos = 0; pos < mlen; pos += step)
                CHECK_STATUS(psa_mac_update(&op, msg + pos, pos + step > mlen ? mlen - pos : step),
                             PSA_SUCCESS);
            olen = 0;
            memset(out, 0, sizeof out);
            if (CHECK_STATUS(psa_mac_sign_finish(&op, out, wlen, &olen), PSA_SUCCESS))
                CHECK_MEM(out, olen, want, wlen);
        }
        /* multi-part verify: success, wrong value, wrong length */
        if (CHECK_STATUS(psa_mac_verify_setup(&op, k, alg), PSA_SUCCESS)) {
            CHECK_STATUS(psa_mac_update(&op, msg, mlen), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_verify_finish(&op, want, wlen), PSA_SUCCESS);
        }
        if (CHECK_STATUS(psa_mac_verify_setup(&op, k, alg), PSA_SUCCESS)) {
            uint8_t bad[64];
            memcpy(bad, want, wlen);
            bad[wlen - 1] ^= 1;
            CHECK_STATUS(psa_mac_update(&op, msg, mlen), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_verify_finish(&op, bad, wlen), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_mac_verify_finish(&op, want, wlen), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
        }
        if (CHECK_STATUS(psa_mac_verify_setup(&op, k, alg), PSA_SUCCESS)) {
            CHECK_STATUS(psa_mac_update(&op, msg, mlen), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_verify_finish(&op, want, wlen - 1), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
        }
        /* truncations of the full MAC are its prefixes */
        if (!v->truncated && wlen > 8) {
            psa_algorithm_t t8 = PSA_ALG_TRUNCATED_MAC(v->alg, 8);
            psa_key_id_t k2 = 0;
            if (CHECK_STATUS(ct_import(v->type, BOTH, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(v->alg, 8), key,
                                       klen, &k2),
                             PSA_SUCCESS)) {
                if (CHECK_STATUS(psa_mac_compute(k2, t8, msg, mlen, out, sizeof out, &olen), PSA_SUCCESS))
                    CHECK_MEM(out, olen, want, 8);
                if (CHECK_STATUS(psa_mac_sign_setup(&op, k2, t8), PSA_SUCCESS)) {
                    CHECK_STATUS(psa_mac_update(&op, msg, mlen), PSA_SUCCESS);
                    if (CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_SUCCESS))
                        CHECK_MEM(out, olen, want, 8);
                }
                CHECK_STATUS(psa_mac_verify(k2, v->alg, msg, mlen, want, wlen), PSA_SUCCESS);
                CHECK_STATUS(psa_mac_verify(k2, PSA_ALG_TRUNCATED_MAC(v->alg, 4), msg, mlen, want, 4),
                             PSA_ERROR_NOT_PERMITTED);
                CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
            }
        }
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
}

static const uint8_t KEY32[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);

static void test_operation_errors(void)
{
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT, copy;
    psa_key_id_t k = 0, kv = 0, ks = 0;
    uint8_t out[64];
    size_t olen;
    static const uint8_t msg[] = "message";

    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, HMAC256, KEY32, 32, &k), PSA_SUCCESS))
        return;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_VERIFY_MESSAGE, HMAC256, KEY32, 32, &kv),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, HMAC256, KEY32, 32, &ks),
                 PSA_SUCCESS);

    /* inactive operation */
    olen = 7;
    CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
    CHECK(olen == 0);
    CHECK_STATUS(psa_mac_verify_finish(&op, out, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    /* NULL operation */
    CHECK_STATUS(psa_mac_sign_setup(NULL, k, HMAC256), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_mac_update(NULL, msg, 1), PSA_ERROR_INVALID_ARGUMENT);
    /* setup errors leave the object inactive */
    CHECK_STATUS(psa_mac_sign_setup(&op, kv, HMAC256), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_verify_setup(&op, ks, HMAC256), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_HMAC(PSA_ALG_SHA_384)), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_SHA_256), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 16)),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_mac_sign_setup(&op, 0, HMAC256), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
    /* setup on an active operation */
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        /* BAD_STATE, and the operation is aborted (as in Mbed TLS) */
        CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_verify_setup(&op, k, HMAC256), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_SUCCESS);
        /* verify_finish on a sign operation: error state */
        CHECK_STATUS(psa_mac_verify_finish(&op, out, 32), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    /* sign_finish on a verify operation */
    if (CHECK_STATUS(psa_mac_verify_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    /* update after finish */
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_SUCCESS);
        CHECK(olen == 32);
        CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
        /* the empty-message MAC equals the one-shot one */
        CHECK_STATUS(psa_mac_verify(k, HMAC256, NULL, 0, out, 32), PSA_SUCCESS);
    }
    /* buffer too small */
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        olen = 1;
        CHECK_STATUS(psa_mac_sign_finish(&op, out, 31, &olen), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK(olen == 0);
        CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, NULL), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_update(&op, NULL, 4), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    }
    /* one owner: a copy that is used takes the operation over (moving works),
     * the original is refused, aborting it too */
    if (CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_SUCCESS)) {
        memcpy(&copy, &op, sizeof op);
        CHECK_STATUS(psa_mac_update(&copy, msg, sizeof msg), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_ERROR_BAD_STATE);
        CHECK_STATUS(psa_mac_abort(&op), PSA_ERROR_BAD_STATE);
        if (CHECK_STATUS(psa_mac_sign_finish(&copy, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_STATUS(psa_mac_verify(k, HMAC256, msg, sizeof msg, out, olen), PSA_SUCCESS);
        memset(&op, 0, sizeof op);
    }
    /* garbage */
    memset(&op, 0x5a, sizeof op);
    CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_sign_setup(&op, k, HMAC256), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_verify_finish(&op, out, 32), PSA_ERROR_BAD_STATE);
    memset(&op, 0, sizeof op);
    /* the key destroyed while an operation runs: later steps fail with BAD_STATE */
    {
        psa_key_id_t kd = 0;
        if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, HMAC256, KEY32, 32, &kd), PSA_SUCCESS) &&
            CHECK_STATUS(psa_mac_sign_setup(&op, kd, HMAC256), PSA_SUCCESS)) {
            CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_SUCCESS);
            CHECK_STATUS(psa_destroy_key(kd), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_ERROR_BAD_STATE);
            CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_sign_setup(&op, kd, HMAC256), PSA_ERROR_INVALID_HANDLE);
        }
    }
    op = psa_mac_operation_init();
    CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(kv), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(ks), PSA_SUCCESS);
}

/* Key type / algorithm compatibility, unsupported algorithms and lengths. */
static void test_compatibility(void)
{
    psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
    psa_key_id_t aes = 0, hm = 0, any = 0;
    uint8_t out[64];
    size_t olen;
    static const uint8_t msg[] = "m";
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, BOTH, PSA_ALG_CMAC, KEY32, 16, &aes), PSA_SUCCESS))
        return;
    /* CMAC with an AES key of every size */
    {
        size_t sizes[] = {16, 24, 32}, i;
        for (i = 0; i < 3; i++) {
            psa_key_id_t a = 0;
            if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, BOTH, PSA_ALG_CMAC, KEY32, sizes[i], &a),
                             PSA_SUCCESS)) {
                CHECK_STATUS(psa_mac_compute(a, PSA_ALG_CMAC, msg, 1, out, sizeof out, &olen),
                             PSA_SUCCESS);
                CHECK(olen == 16);
                CHECK_STATUS(psa_mac_compute(a, PSA_ALG_CMAC, msg, 1, out, 15, &olen),
                             PSA_ERROR_BUFFER_TOO_SMALL);
                CHECK_STATUS(psa_destroy_key(a), PSA_SUCCESS);
            }
        }
    }
    /* HMAC on an AES key, CMAC on an HMAC key: INVALID_ARGUMENT */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, BOTH, HMAC256, KEY32, 16, &any), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_sign_setup(&op, any, HMAC256), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, PSA_ALG_CMAC, KEY32, 16, &hm), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_sign_setup(&op, hm, PSA_ALG_CMAC), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_mac_compute(hm, PSA_ALG_CMAC, msg, 1, out, sizeof out, &olen),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_destroy_key(hm), PSA_SUCCESS);
    }
    /* CBC-MAC is supported (ctests/test_cbc_mac.c) */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, BOTH, PSA_ALG_CBC_MAC, KEY32, 16, &any), PSA_SUCCESS)) {
        CHECK_STATUS(psa_mac_sign_setup(&op, any, PSA_ALG_CBC_MAC), PSA_SUCCESS);
        CHECK_STATUS(psa_mac_abort(&op), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
    }
    /* HMAC with SHAKE256 and with hashes not implemented */
    {
        psa_algorithm_t algs[] = {PSA_ALG_HMAC(PSA_ALG_SHAKE256_512), PSA_ALG_HMAC(PSA_ALG_MD2),
                                  PSA_ALG_HMAC(PSA_ALG_SM3)};
        size_t i;
        for (i = 0; i < 3; i++) {
            psa_status_t st = ct_import(PSA_KEY_TYPE_HMAC, BOTH, algs[i], KEY32, 32, &any);
            if (st == PSA_SUCCESS) {
                CHECK_STATUS(psa_mac_sign_setup(&op, any, algs[i]), PSA_ERROR_NOT_SUPPORTED);
                CHECK_STATUS(psa_mac_compute(any, algs[i], msg, 1, out, sizeof out, &olen),
                             PSA_ERROR_NOT_SUPPORTED);
                CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
            } else {
                CHECK_STATUS2(st, PSA_ERROR_NOT_SUPPORTED, PSA_ERROR_INVALID_ARGUMENT);
            }
        }
    }
    /* truncation: 3 bytes is below the minimum, 17 above CMAC's 16 */
    {
        psa_algorithm_t t3 = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 3);
        psa_algorithm_t t17 = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 17);
        psa_status_t st = ct_import(PSA_KEY_TYPE_AES, BOTH, t3, KEY32, 16, &any);
        if (st == PSA_SUCCESS) {
            CHECK_STATUS(psa_mac_sign_setup(&op, any, t3), PSA_ERROR_NOT_SUPPORTED);
            CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
        }
        st = ct_import(PSA_KEY_TYPE_AES, BOTH, t17, KEY32, 16, &any);
        if (st == PSA_SUCCESS) {
            CHECK_STATUS(psa_mac_sign_setup(&op, any, t17), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_mac_compute(any, t17, msg, 1, out, sizeof out, &olen),
                         PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
        } else {
            CHECK_STATUS2(st, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);
        }
    }
    /* a truncated CMAC: 4 bytes = prefix of the full one */
    {
        uint8_t full[16];
        psa_algorithm_t t4 = PSA_ALG_TRUNCATED_MAC(PSA_ALG_CMAC, 4);
        CHECK_STATUS(psa_mac_compute(aes, PSA_ALG_CMAC, msg, 1, full, sizeof full, &olen), PSA_SUCCESS);
        if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, BOTH, t4, KEY32, 16, &any), PSA_SUCCESS)) {
            if (CHECK_STATUS(psa_mac_compute(any, t4, msg, 1, out, 4, &olen), PSA_SUCCESS))
                CHECK_MEM(out, olen, full, 4);
            if (CHECK_STATUS(psa_mac_verify_setup(&op, any, t4), PSA_SUCCESS)) {
                CHECK_STATUS(psa_mac_update(&op, msg, 1), PSA_SUCCESS);
                CHECK_STATUS(psa_mac_verify_finish(&op, full, 4), PSA_SUCCESS);
            }
            CHECK_STATUS(psa_mac_compute(any, PSA_ALG_CMAC, msg, 1, out, sizeof out, &olen),
                         PSA_ERROR_NOT_PERMITTED);
            CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
        }
    }
    /* SIGN_HASH/VERIFY_HASH on a MAC key also allow the multi-part MAC functions */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH,
                               HMAC256, KEY32, 32, &any),
                     PSA_SUCCESS)) {
        if (CHECK_STATUS(psa_mac_sign_setup(&op, any, HMAC256), PSA_SUCCESS))
            CHECK_STATUS(psa_mac_sign_finish(&op, out, sizeof out, &olen), PSA_SUCCESS);
        if (CHECK_STATUS(psa_mac_verify_setup(&op, any, HMAC256), PSA_SUCCESS))
            CHECK_STATUS(psa_mac_verify_finish(&op, out, olen), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(any), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_destroy_key(aes), PSA_SUCCESS);
}

/* One key used with two algorithms (the per-slot cache holds the first). */
static void test_two_algorithms_one_key(void)
{
    psa_key_id_t k = 0;
    uint8_t a[64], b[64], c[64];
    size_t la = 0, lb = 0, lc = 0;
    static const uint8_t msg[] = "two algorithms";
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, BOTH, PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 16),
                                KEY32, 32, &k),
                      PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_mac_compute(k, HMAC256, msg, sizeof msg, a, sizeof a, &la), PSA_SUCCESS);
    CHECK_STATUS(psa_mac_compute(k, PSA_ALG_TRUNCATED_MAC(HMAC256, 16), msg, sizeof msg, b, sizeof b,
                                 &lb),
                 PSA_SUCCESS);
    CHECK(la == 32 && lb == 16 && memcmp(a, b, 16) == 0);
    {
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        if (CHECK_STATUS(psa_mac_sign_setup(&op, k, PSA_ALG_TRUNCATED_MAC(HMAC256, 20)), PSA_SUCCESS)) {
            CHECK_STATUS(psa_mac_update(&op, msg, sizeof msg), PSA_SUCCESS);
            if (CHECK_STATUS(psa_mac_sign_finish(&op, c, sizeof c, &lc), PSA_SUCCESS))
                CHECK_MEM(c, lc, a, 20);
        }
    }
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

int main(void)
{
    char *dir = ct_use_temp_storage("macfull");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_known_answers();
    test_operation_errors();
    test_compatibility();
    test_two_algorithms_one_key();
    mbedtls_psa_crypto_free();
    {
        psa_mac_operation_t op = PSA_MAC_OPERATION_INIT;
        CHECK_STATUS(psa_mac_sign_setup(&op, 1, HMAC256), PSA_ERROR_BAD_STATE);
    }
    ct_remove_dir(dir);
    free(dir);
    return report();
}
